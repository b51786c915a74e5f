using System.Diagnostics;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Coordinator.Running;

/// <summary>
/// Runs a sweep's pending trials: records the sweep and its trials in the results file, enqueues one job per trial
/// without a result, copies what workers report into the results file, and shows progress until every trial has an
/// outcome or the run is cancelled (Ctrl-C). The results file is the record of what is done, so a killed run loses at
/// most the trials that were running, and the next run picks up the rest.
/// </summary>
/// <param name="openQueue">Opens the queue for this many pending trials (it sizes its local workers from that).</param>
public sealed class SweepRunner(ResultsStore store, IRunView view, Func<int, ITrialQueue> openQueue)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(60);
    private const int LostJobPolls = 10;

    public ProgressSnapshot Run(SweepRecord sweep, IReadOnlyList<PlannedTrial> trials, bool retryFailed, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        store.SyncSweep(sweep, trials);
        var pending = store.PrepareRun(sweep.Name, retryFailed);
        var before = store.TrialRows(sweep.Name);
        // Counted before anything is enqueued: an embedded job can finish before the next line runs.
        var finishedBefore = FinishedCount(before);
        var snapshot = Snapshot(sweep, pending.Count, 0, clock.Elapsed, before);
        if (pending.Count == 0)
        {
            view.Finish(snapshot);
            return snapshot;
        }

        using var queue = openQueue(pending.Count);
        queue.Enqueue(pending);

        var enqueued = pending.Select(trial => trial.Hash).ToHashSet();
        var idlePolls = 0;
        var stopping = false;
        var stopClock = new Stopwatch();
        var unfinished = enqueued.ToList();
        while (true)
        {
            queue.Collect(unfinished);
            var rows = store.TrialRows(sweep.Name);
            unfinished = rows.Where(row => enqueued.Contains(row.Hash) && !row.Status.IsResult())
                .Select(row => row.Hash).ToList();
            var finishedThisRun = FinishedCount(rows) - finishedBefore;
            snapshot = Snapshot(sweep, pending.Count - finishedThisRun, finishedThisRun, clock.Elapsed, rows);
            view.Update(snapshot);
            if (store.WorkerFault is { } fault) Fail(queue, snapshot, fault);
            if (!stopping && cancellation.IsCancellationRequested)
            {
                queue.RequestStop();
                stopping = true;
                stopClock.Start();
            }
            if (!stopping && AllFinished(rows, enqueued, queue.AllWorkersLocal)) break;
            // A job Hangfire lost before it claimed its trial would leave it pending forever; an idle queue and no
            // running trial for several polls in a row means that happened (a job between fetch and Processing is
            // counted in neither for microseconds, hence more than one poll). Such trials run again next time.
            idlePolls = queue.AllWorkersLocal && queue.Outstanding == 0 && snapshot.Running.Count == 0 ? idlePolls + 1 : 0;
            if (!stopping && idlePolls >= LostJobPolls) break;
            // Remote workers go on without this coordinator; the next run collects what they finish.
            if (stopping && (!queue.AllWorkersLocal || snapshot.Running.Count == 0 || stopClock.Elapsed > StopGrace)) break;
            Thread.Sleep(PollInterval);
        }
        queue.Dispose(); // waits for local running jobs to record their outcome
        if (store.WorkerFault is { } late) Fail(queue, snapshot, late, queueStopped: true);
        queue.Collect(unfinished);
        var final = store.TrialRows(sweep.Name);
        var finished = FinishedCount(final) - finishedBefore;
        snapshot = Snapshot(sweep, pending.Count - finished, finished, clock.Elapsed, final);
        view.Finish(snapshot);
        return snapshot;
    }

    /// <summary>
    /// A worker could not write the results file (a full disk, a write lock held past the lock wait): its job ended
    /// without an outcome and its trial stays running, so waiting would never end. Stops the other trials (whose
    /// outcomes are stored if the file takes them), and ends the run with the store's error, which names the file; every
    /// trial without a result runs again next time.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(ITrialQueue queue, ProgressSnapshot snapshot, Exception fault, bool queueStopped = false)
    {
        if (!queueStopped)
        {
            queue.RequestStop();
            queue.Dispose();
        }
        view.Finish(snapshot);
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
    }

    /// <summary>
    /// Every trial this run enqueued has an outcome: the end of the run (the queue's counters are not). A remote
    /// worker's interrupted trial is delivered again by the queue, so there it is not an end.
    /// </summary>
    private static bool AllFinished(IReadOnlyList<TrialRow> rows, HashSet<string> enqueued, bool allWorkersLocal) =>
        rows.Where(row => enqueued.Contains(row.Hash)).All(row => row.Status.IsEnded()
            && (allWorkersLocal || row.Status != TrialStatus.Interrupted));

    private static int FinishedCount(IReadOnlyList<TrialRow> rows) =>
        rows.Count(row => row.Status.IsFinal());

    private ProgressSnapshot Snapshot(SweepRecord sweep, int remaining, int finishedThisRun, TimeSpan elapsed, IReadOnlyList<TrialRow> rows)
    {
        var running = rows.Where(row => row.Status == TrialStatus.Running)
            .Select(row => new RunningTrial(row.Hash, TrialDescription.Of(row.Config), row.LatestEpoch ?? 0, row.Config.Epochs, row.LatestValAcc ?? double.NaN))
            .ToList();
        return new ProgressSnapshot(
            sweep.Name,
            rows.Count,
            rows.Count(row => row.Status.IsResult()),
            rows.Count(row => row.Status == TrialStatus.Failed),
            rows.Count(row => row.Status is TrialStatus.Pending or TrialStatus.Interrupted),
            running,
            Best(sweep),
            finishedThisRun,
            Math.Max(0, remaining),
            elapsed) { Rows = rows };
    }

    /// <summary>The best completed trial by the sweep's own metric and goal.</summary>
    private string? Best(SweepRecord sweep)
    {
        var best = store.BestTrial(sweep.Name);
        if (best is null) return null;
        var metric = Metric.Parse(sweep.Metric);
        return $"{sweep.Metric} {metric.Format(metric.ValueOf(best))} ({TrialDescription.Of(best.Config)})";
    }
}
