using System.Diagnostics;
using Hangfire;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>
/// The Hangfire job of one trial. Safe to run twice: it trains only after claiming a Pending trial, and records the
/// outcome under that claim. Exceptions of the trial become a Failed outcome with their message, since a deterministic
/// failure would fail the same way again. A failure of the store itself (<see cref="TrialStoreException"/>, raised once
/// the store's own retries are spent) is never the trial's outcome: it ends the job with the trial left claimed, which
/// the next run (or, on a shared queue, Hangfire's one retry of the job) starts again; the claim keeps that retry from
/// training a trial twice.
/// </summary>
public sealed class TrialJob(ITrialStore store, ITrialRunner runner, string worker)
{
    [AutomaticRetry(Attempts = 1)]
    public void Run(string trialHash, string configJson, CancellationToken cancellation)
    {
        var claim = store.TryClaim(trialHash, worker);
        if (claim is null) return; // a result exists or another delivery holds it: nothing to do
        var clock = Stopwatch.StartNew();
        TrialOutcome outcome;
        try
        {
            var config = TrialConfig.FromCanonicalJson(configJson);
            outcome = runner.Run(trialHash, config, epoch => store.RecordEpoch(claim, epoch), cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            outcome = TrialOutcome.Interrupted(clock.Elapsed.TotalSeconds);
        }
        catch (TrialStoreException)
        {
            throw; // an epoch could not be stored: the store failed, not the trial
        }
        catch (Exception error)
        {
            outcome = TrialOutcome.Failed($"{error.GetType().Name}: {error.Message}", clock.Elapsed.TotalSeconds);
        }
        store.RecordOutcome(claim, outcome);
    }
}
