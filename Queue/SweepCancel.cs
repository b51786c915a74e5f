using Hangfire;
using Hangfire.States;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>
/// Cancels trials on a shared queue (a coordinator's Ctrl-C, `sweep stop --queue`): every trial is marked stopped, so no
/// worker claims it; its job is deleted if it still waits in the queue; an attempt that is training is recorded
/// interrupted, so its worker's next lease renewal (after an epoch, or within 10 s) is refused and it stops. A later
/// `sweep run` lifts the mark and enqueues the trials again.
/// </summary>
public static class SweepCancel
{
    /// <summary>
    /// Returns how many jobs that waited in the queue are now deleted and how many running attempts are now interrupted,
    /// by this call or by another canceller at the same time: the sweep's coordinator sees the first trial `sweep stop`
    /// marks and cancels every trial itself, and on a loaded machine it deletes jobs before the stop reaches them.
    /// </summary>
    public static (int Removed, int Interrupted) Stop(JobStorage storage, HangfireTrialStore trials, IEnumerable<string> trialHashes) =>
        Stop(storage, trials, trialHashes, new BackgroundJobClient(storage));

    /// <summary><see cref="Stop(JobStorage, HangfireTrialStore, IEnumerable{string})"/> through <paramref name="client"/> (tests give one with their own state filters).</summary>
    internal static (int Removed, int Interrupted) Stop(JobStorage storage, HangfireTrialStore trials, IEnumerable<string> trialHashes, IBackgroundJobClient client)
    {
        JobTypeAllowList.Install(); // the jobs name our types through its resolver: without it none loads, and none is deleted
        // Every trial's job and attempt are read before the first mark: the coordinator reacts to that mark by cancelling
        // every trial itself, so a job still waiting before it may be deleted by the coordinator before this loop gets to it.
        var before = trialHashes.Select(hash => (Hash: hash, Trial: Cancellable.Of(storage, trials.Read(hash)))).ToList();
        var (removed, interrupted) = (0, 0);
        // Training attempts last: an interrupted attempt's worker stops at its next lease renewal and its slot fetches the
        // next job still waiting. A renewal that landed during the cancel let that slot take a job not yet deleted, which
        // its delete then no longer found waiting; with every waiting job deleted first, none of the sweep is left to take.
        foreach (var (hash, (jobId, waited, training)) in before.OrderBy(trial => trial.Trial.Training))
        {
            // Marked first: a job fetched between the delete and the mark would otherwise still claim the trial.
            if (trials.Stop(hash) || training && trials.Read(hash).Outcome?.Status == TrialStatus.Interrupted) interrupted++;
            if (jobId is not null && (StorageRetry.Run(() => TrialJobs.WaitingStates.Any(state => client.Delete(jobId, state)))
                                      || waited && StateOf(storage, jobId) == DeletedState.StateName)) removed++;
        }
        return (removed, interrupted);
    }

    /// <summary>A trial as the cancel found it: its job and whether that job waited in the queue; whether an attempt was training.</summary>
    private readonly record struct Cancellable(string? JobId, bool Waited, bool Training)
    {
        public static Cancellable Of(JobStorage storage, RemoteTrialState state) => new(state.JobId,
            state.JobId is { } jobId && TrialJobs.WaitingStates.Contains(StateOf(storage, jobId) ?? ""),
            state.Attempt > 0 && state.Outcome is null);
    }

    private static string? StateOf(JobStorage storage, string jobId) => StorageRetry.Run(() => TrialJobs.StateOf(storage, jobId));
}
