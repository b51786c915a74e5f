using System.Diagnostics;
using Hangfire;
using Sweep.Engine.Model;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>
/// The Hangfire job of one trial. Safe to run twice: it trains only after claiming the trial, and records the outcome
/// under that claim. While it trains it renews the claim's lease with every epoch's write and every <paramref name="renewEvery"/>
/// (10 s unless a test says otherwise; well inside the store's 60 s lease), so nobody takes the trial over; when a
/// renewal is refused (the lease lapsed and another worker took the trial) it stops training, since its outcome would
/// be refused too. Exceptions of the trial become a Failed outcome with their message, since a deterministic failure
/// would fail the same way again. A failure of the store itself (<see cref="TrialStoreException"/>, raised once the
/// store's own retries are spent) is never the trial's outcome: it ends the job, handing the trial back if the store
/// takes that (so the next run, or Hangfire's one retry of the job, trains it at once); if not, the trial is taken over
/// once its lease expires.
/// A job queued by other code (<paramref name="code"/> of Run is the coordinator's <see cref="CodeFingerprint"/>) is
/// refused before the claim: mixing two codes' results under one trial hash would go unnoticed. The refusal is logged,
/// noted in the store for the coordinator to report, and the job is scheduled again for a matching worker
/// (<see cref="CodeMismatchException"/>). Seconds leave out the time training waited on the store (epoch writes and
/// renewals, with their retries through a queue outage): they are the time spent computing.
/// </summary>
/// <param name="releaseWhenStopped">
/// A `sweep worker` that is stopped (Ctrl-C, SIGTERM) hands its trial back instead of recording it interrupted: the
/// sweep goes on, and the coordinator re-enqueues a released trial at once for another worker. Local workers of a
/// `sweep run` record it interrupted, since their stop is the run's stop and the next run resumes it.
/// </param>
/// <param name="models">Where a completed trial's final weights are kept (a model file's bytes) when its plan says so,
/// before its outcome is recorded: a coordinator that sees the outcome finds the model. Null: models are never kept.</param>
public sealed class TrialJob(ITrialStore store, ITrialRunner runner, string worker, TimeSpan? renewEvery = null, bool releaseWhenStopped = false,
    ICheckpointStore? models = null)
{
    public static readonly TimeSpan DefaultRenewEvery = TrialClaim.RenewalPeriod(TrialClaim.DefaultLease);

    /// <param name="plan">The sweep's <see cref="TrialPlan"/> as JSON: at each rung of its pruning plan the trial is judged,
    /// and stopped there (outcome Pruned, its epochs kept) when it is not among the best; when it keeps models, a completed
    /// trial's weights are saved. Null trains every epoch and keeps nothing.</param>
    [AutomaticRetry(Attempts = 1, ExceptOn = [typeof(CodeMismatchException)])]
    public void Run(string trialHash, string configJson, string code, string? plan, CancellationToken cancellation)
    {
        if (code != CodeFingerprint.Current) Refuse(trialHash, code);
        var claim = store.TryClaim(trialHash, worker);
        if (claim is null) return; // a result exists or another delivery holds it: nothing to do
        var clock = Stopwatch.StartNew();
        var waited = new Stopwatch(); // time inside the store during training, left out of the trial's seconds
        using var lost = new CancellationTokenSource();
        using var training = CancellationTokenSource.CreateLinkedTokenSource(cancellation, lost.Token);
        var trialPlan = TrialPlan.FromJson(plan);
        var pruning = trialPlan?.Pruning;
        var period = renewEvery ?? DefaultRenewEvery;
        using var heartbeat = new Timer(_ => Renew(claim, lost), null, period, period);
        TrialOutcome outcome;
        try
        {
            var config = TrialConfig.FromCanonicalJson(configJson);
            var rungs = pruning?.Rule.Rungs(config.Epochs).ToHashSet() ?? [];
            outcome = runner.Run(trialHash, config, epoch =>
            {
                waited.Start();
                try
                {
                    if (!store.RecordEpoch(claim, epoch)) lost.Cancel(); // the epoch's write also renews the lease
                    else if (rungs.Contains(epoch.Epoch) && pruning!.ValueAt(epoch) is { } value
                             && store.JudgeRung(claim, pruning, epoch.Epoch, value) is { Stop: true } decision)
                        throw new TrialPrunedException(decision, epoch); // ends training here, before another batch
                }
                finally
                {
                    waited.Stop();
                }
            }, training.Token);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            return; // another worker holds the trial now: it records the outcome
        }
        catch (TrialPrunedException pruned)
        {
            outcome = TrialOutcome.Pruned(pruned.Decision, pruning!.Metric, pruned.AtRung, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            outcome = TrialOutcome.Interrupted(clock.Elapsed.TotalSeconds);
        }
        catch (TrialStoreException)
        {
            HandBack(claim);
            throw; // an epoch could not be stored: the store failed, not the trial
        }
        catch (Exception error)
        {
            outcome = TrialOutcome.Failed($"{error.GetType().Name}: {error.Message}", clock.Elapsed.TotalSeconds);
        }
        finally
        {
            heartbeat.Change(Timeout.Infinite, Timeout.Infinite);
        }
        if (releaseWhenStopped && cancellation.IsCancellationRequested && outcome.Status == TrialStatus.Interrupted)
        {
            HandBack(claim); // the worker stops, not the sweep
            return;
        }
        if (trialPlan is { KeepModel: true } && models is not null && outcome.Network is { } network)
        {
            try
            {
                models.Save(trialHash, ModelFile.ToBytes(network, configJson)); // the configuration as the model's metadata
            }
            catch (TrialStoreException)
            {
                HandBack(claim);
                throw; // the store failed, not the trial: it trains again rather than complete without its model
            }
        }
        store.RecordOutcome(claim, outcome with { Seconds = Math.Max(0, outcome.Seconds - waited.Elapsed.TotalSeconds) });
    }

    /// <summary>Logs and notes the refusal, then throws for <see cref="CodeMismatchFilter"/> to schedule the job again.</summary>
    private void Refuse(string trialHash, string code)
    {
        var trial = TrialHashText.Short(trialHash);
        Console.Error.WriteLine($"sweep: {worker} refused trial {trial}: it was queued by code {code} but this worker runs code " +
                                $"{CodeFingerprint.Current}; run workers built from the coordinator's source (the job waits for one)");
        store.RecordRefusal(trialHash, worker, CodeFingerprint.Current);
        throw new CodeMismatchException($"queued by code {code}, refused by {worker} running code {CodeFingerprint.Current}");
    }

    /// <summary>Releases the claim (a stopped worker, or a store failure) if the store answers, else leaves it to expire.</summary>
    private void HandBack(TrialClaim claim)
    {
        try
        {
            store.Release(claim);
        }
        catch (Exception)
        {
            // Still failing: the lease runs out instead.
        }
    }

    /// <summary>The timer's renewal: a store error here is left to the next epoch's write, which ends the job with it.</summary>
    private void Renew(TrialClaim claim, CancellationTokenSource lost)
    {
        try
        {
            if (!store.Renew(claim)) lost.Cancel();
        }
        catch (Exception)
        {
            // The store retries by itself; an error that outlasts that shows at the next epoch or the outcome.
        }
    }
}
