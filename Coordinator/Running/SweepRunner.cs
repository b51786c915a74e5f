using System.Diagnostics;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Coordinator.Running;

/// <summary>
/// Runs a sweep's pending trials: records the sweep and its trials in the results file, enqueues one job per trial
/// without a result, copies what workers report into the results file, and shows progress until every trial has an
/// outcome or the run is cancelled (Ctrl-C). The results file is the record of what is done, so a killed run loses at
/// most the trials that were running, and the next run picks up the rest. A run started while another run trains
/// trials of the same file joins it: it trains what nobody holds, waits for what the other holds (shown as running),
/// and takes a trial over through its own queue only when the other's lease on it lapses; both end with the same report.
/// A search (<see cref="ITrialProposer"/>) adds trials while the run goes: whenever workers are idle, as many as there
/// are idle workers, so each proposal sees every result that came before it; the run ends when the search has no more.
/// </summary>
/// <param name="openQueue">Opens the queue for this many pending trials (it sizes its local workers from that).</param>
public sealed class SweepRunner(ResultsStore store, IRunView view, Func<int, ITrialQueue> openQueue)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(60);
    private const int LostJobPolls = 10;

    /// <summary>How often a run looks for held trials whose lease lapsed: leases last a minute, so seconds are soon enough.</summary>
    private static readonly TimeSpan TakeOverInterval = TimeSpan.FromSeconds(2);

    /// <param name="trials">The sweep's trials; for a search, the ones it proposed in earlier runs, in proposal order.</param>
    /// <param name="pruning">The sweep's early termination, carried on every job it enqueues (workers judge each rung).</param>
    /// <param name="keepModels">The sweep keeps models (keep_models &gt; 0): every job says to keep its completed trial's weights.</param>
    public ProgressSnapshot Run(SweepRecord sweep, IReadOnlyList<PlannedTrial> trials, bool retryFailed, CancellationToken cancellation,
        ITrialProposer? search = null, PruningPlan? pruning = null, bool keepModels = false)
    {
        var clock = Stopwatch.StartNew();
        // A `sweep stop` counts only if made after this moment: an older request was meant for an earlier run.
        var started = DateTime.UtcNow;
        store.SyncSweep(sweep, trials, searched: search is not null);
        var pending = store.PrepareRun(sweep.Name, retryFailed);
        // Trials another run (or a remote worker) holds under a live lease: waited for, and taken over if the lease lapses.
        var held = store.HeldByOthers(sweep.Name).ToHashSet();
        var before = store.TrialRows(sweep.Name);
        // Counted before anything is enqueued: an embedded job can finish before the next line runs.
        var finishedBefore = FinishedCount(before);
        var waitingFor = pending.Count + held.Count;
        var toPropose = search?.Remaining(before.Count) ?? 0;
        var searching = toPropose > 0;
        var snapshot = Snapshot(sweep, waitingFor + toPropose, 0, clock.Elapsed, before);
        if (waitingFor == 0 && !searching)
        {
            view.Finish(snapshot);
            return snapshot;
        }

        using var queue = new PlanningQueue(openQueue(waitingFor + toPropose), TrialPlan.Of(pruning, keepModels));
        queue.Enqueue(pending);

        var enqueued = pending.Select(trial => trial.Hash).ToHashSet();
        var watched = enqueued.Union(held).ToHashSet();
        var idlePolls = 0;
        var stopping = false;
        string? stoppedBy = null;
        var stopClock = new Stopwatch();
        var takeOverClock = Stopwatch.StartNew();
        var unfinished = watched.ToList();
        while (true)
        {
            queue.Collect(unfinished);
            var rows = store.TrialRows(sweep.Name);
            if (!stopping && queue.AllWorkersLocal && takeOverClock.Elapsed >= TakeOverInterval)
            {
                if (TakeOverExpired(sweep, queue, rows, watched, enqueued)) rows = store.TrialRows(sweep.Name);
                takeOverClock.Restart();
            }
            var proposed = 0;
            if (searching && !stopping && !cancellation.IsCancellationRequested)
            {
                (proposed, searching) = Propose(sweep, queue, search!, rows, watched, enqueued);
                waitingFor += proposed;
                if (proposed > 0) rows = store.TrialRows(sweep.Name);
            }
            unfinished = rows.Where(row => watched.Contains(row.Hash) && !row.Status.IsResult())
                .Select(row => row.Hash).ToList();
            var finishedThisRun = FinishedCount(rows) - finishedBefore;
            snapshot = Snapshot(sweep, waitingFor - finishedThisRun + (searching ? search!.Remaining(rows.Count) : 0), finishedThisRun, clock.Elapsed, rows,
                queue.Heartbeats);
            view.Update(snapshot);
            if (store.WorkerFault is { } fault) Fail(queue, snapshot, fault);
            if (!stopping && !cancellation.IsCancellationRequested && StopRequestSince(sweep.Name, started) is { } requested)
            {
                stoppedBy = requested;
                view.Notice($"sweep: {requested} — stopping running trials");
            }
            if (!stopping && queue.StopRequested) stoppedBy ??= "stopped on the queue (`sweep stop --queue`, or another coordinator's Ctrl-C)";
            if (!stopping && (cancellation.IsCancellationRequested || stoppedBy is not null))
            {
                queue.RequestStop();
                stopping = true;
                stopClock.Start();
            }
            if (!stopping && !searching && AllFinished(rows, watched, queue.AllWorkersLocal)) break;
            // A job Hangfire lost before it claimed its trial would leave it pending forever; an idle queue while a trial
            // this run enqueued is pending and none is running, for several polls in a row, means that happened (a job
            // between fetch and Processing is counted in neither for microseconds, hence more than one poll). Such
            // trials run again next time. Trials others hold are not ours to give up on: they end or their lease lapses.
            var ours = rows.Where(row => enqueued.Contains(row.Hash)).ToList();
            var lost = queue.AllWorkersLocal && queue.Outstanding == 0
                       && ours.All(row => row.Status != TrialStatus.Running) && ours.Any(row => row.Status == TrialStatus.Pending);
            idlePolls = lost ? idlePolls + 1 : 0;
            if (!stopping && idlePolls >= LostJobPolls) break;
            // Remote workers go on without this coordinator; the next run collects what they finish.
            if (stopping && (!queue.AllWorkersLocal || !ours.Any(row => row.Status == TrialStatus.Running) || stopClock.Elapsed > StopGrace)) break;
            if (proposed == 0) Thread.Sleep(PollInterval); // just after proposing, look again at once: a fast trial may be done
        }
        queue.Dispose(); // waits for local running jobs to record their outcome
        if (store.WorkerFault is { } late) Fail(queue, snapshot, late, queueStopped: true);
        queue.Collect(unfinished);
        var final = store.TrialRows(sweep.Name);
        var finished = FinishedCount(final) - finishedBefore;
        snapshot = Snapshot(sweep, waitingFor - finished, finished, clock.Elapsed, final) with { Stopped = stopping, StoppedBy = stoppedBy };
        view.Finish(snapshot);
        return snapshot;
    }

    /// <summary>
    /// Asks the search for one trial per idle worker (workers minus the trials this run waits for that have not ended),
    /// adds them to the sweep and enqueues those without a result. Returns how many it added, and whether the search may
    /// still add more (it gave all it was asked for, or lost a race with another run of the sweep and asks again).
    /// </summary>
    private (int proposed, bool searching) Propose(SweepRecord sweep, ITrialQueue queue, ITrialProposer search, IReadOnlyList<TrialRow> rows,
        HashSet<string> watched, HashSet<string> enqueued)
    {
        var busy = rows.Count(row => enqueued.Contains(row.Hash) && !row.Status.IsEnded());
        var idle = queue.Workers - busy;
        if (idle <= 0) return (0, true);
        var proposals = search.Next(rows, idle);
        // The search is over, or another run of the sweep proposed since these rows were read (then propose again at the
        // next poll, from its trials too): either way, what other runs hold now is waited for, like the trials held when
        // this run started, so every run of the sweep ends with the same report.
        var pending = proposals.Count == 0 ? null : store.AddProposals(sweep.Name, proposals);
        if (pending is null)
        {
            watched.UnionWith(store.HeldByOthers(sweep.Name));
            if (proposals.Count == 0) AdoptUnclaimed(sweep, queue, watched, enqueued);
            return (0, proposals.Count > 0);
        }
        watched.UnionWith(proposals.Select(proposal => proposal.Trial.Hash));
        enqueued.UnionWith(pending.Select(trial => trial.Hash));
        queue.Enqueue(pending);
        return (proposals.Count, proposals.Count == idle);
    }

    /// <summary>
    /// The search is over: trials another run proposed that nobody has claimed yet (its job not fetched, or that run
    /// died before) are enqueued here too. Waiting only for held ones ended this run before such a trial had a result,
    /// so the two runs' reports differed; waiting for them without a job could wait forever. Two jobs of one trial are
    /// safe: the claim lets one train it and the other finds it held or done.
    /// </summary>
    private void AdoptUnclaimed(SweepRecord sweep, ITrialQueue queue, HashSet<string> watched, HashSet<string> enqueued)
    {
        var unclaimed = store.PendingTrials(sweep.Name).Where(trial => !enqueued.Contains(trial.Hash)).ToList();
        if (unclaimed.Count == 0) return;
        watched.UnionWith(unclaimed.Select(trial => trial.Hash));
        enqueued.UnionWith(unclaimed.Select(trial => trial.Hash));
        queue.Enqueue(unclaimed);
    }

    /// <summary>
    /// "stopped by `sweep stop` at 2026-11-29T19:40:12.345Z" when `sweep stop` asked, through the results file, after this run
    /// started; null otherwise. Both times come from this host's clock: the results file is never on a network share.
    /// </summary>
    private string? StopRequestSince(string sweepName, DateTime started) =>
        store.StopRequestedAt(sweepName) is { } at && at > started
            ? $"stopped by `sweep stop` at {UtcStamp.Of(at)}"
            : null;

    /// <summary>
    /// Trials whose holder stopped renewing its lease (killed, frozen; or a dead process of this host) become pending
    /// and go into this run's queue; a holder that is alive keeps renewing, so its trials are never taken. Looks at the
    /// poll's <paramref name="rows"/>; returns true when it took any (the rows are then out of date).
    /// </summary>
    private bool TakeOverExpired(SweepRecord sweep, ITrialQueue queue, IReadOnlyList<TrialRow> rows, HashSet<string> watched, HashSet<string> enqueued)
    {
        var running = rows.Where(row => watched.Contains(row.Hash) && row.Status == TrialStatus.Running).Select(row => row.Hash).ToList();
        var taken = store.TakeBackExpired(sweep.Name, running);
        if (taken.Count == 0) return false;
        queue.Enqueue(taken);
        enqueued.UnionWith(taken.Select(trial => trial.Hash));
        return true;
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
    /// Every trial this run enqueued or waits for has an outcome: the end of the run (the queue's counters are not). A
    /// remote worker's interrupted trial is delivered again by the queue, so there it is not an end.
    /// </summary>
    private static bool AllFinished(IReadOnlyList<TrialRow> rows, HashSet<string> watched, bool allWorkersLocal) =>
        rows.Where(row => watched.Contains(row.Hash)).All(row => row.Status.IsEnded()
            && (allWorkersLocal || row.Status != TrialStatus.Interrupted));

    private static int FinishedCount(IReadOnlyList<TrialRow> rows) =>
        rows.Count(row => row.Status.IsFinal());

    /// <param name="heartbeats">Holders of remote trials and their last lease renewal (<see cref="ITrialQueue.Heartbeats"/>).</param>
    private ProgressSnapshot Snapshot(SweepRecord sweep, int remaining, int finishedThisRun, TimeSpan elapsed, IReadOnlyList<TrialRow> rows,
        IReadOnlyDictionary<string, TrialHeartbeat>? heartbeats = null)
    {
        var now = DateTime.UtcNow;
        var running = rows.Where(row => row.Status == TrialStatus.Running).Select(row => Running(row, heartbeats, now)).ToList();
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

    private static RunningTrial Running(TrialRow row, IReadOnlyDictionary<string, TrialHeartbeat>? heartbeats, DateTime now)
    {
        var trial = new RunningTrial(row.Hash, TrialDescription.Of(row.Config), row.LatestEpoch ?? 0, row.Config.Epochs, row.LatestValAcc ?? double.NaN);
        return heartbeats is not null && heartbeats.TryGetValue(row.Hash, out var beat)
            ? trial with { Holder = beat.Worker, SinceHeartbeat = beat.Since(now), HolderLease = beat.Lease }
            : trial;
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
