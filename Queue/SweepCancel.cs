using Hangfire;

namespace Sweep.Queue;

/// <summary>
/// Cancels trials on a shared queue (a coordinator's Ctrl-C, `sweep stop --queue`): every trial is marked stopped, so no
/// worker claims it; its job is deleted if it still waits in the queue; an attempt that is training is recorded
/// interrupted, so its worker's next lease renewal (after an epoch, or within 10 s) is refused and it stops. A later
/// `sweep run` lifts the mark and enqueues the trials again.
/// </summary>
public static class SweepCancel
{
    /// <summary>Returns how many queued jobs were deleted and how many running attempts were interrupted.</summary>
    public static (int Removed, int Interrupted) Stop(JobStorage storage, HangfireTrialStore trials, IEnumerable<string> trialHashes)
    {
        JobTypeAllowList.Install(); // the jobs name our types through its resolver: without it none loads, and none is deleted
        var client = new BackgroundJobClient(storage);
        var (removed, interrupted) = (0, 0);
        foreach (var hash in trialHashes)
        {
            // Marked first: a job fetched between the delete and the mark would otherwise still claim the trial.
            if (trials.Stop(hash)) interrupted++;
            if (trials.Read(hash).JobId is { } jobId && StorageRetry.Run(() => TrialJobs.WaitingStates.Any(state => client.Delete(jobId, state)))) removed++;
        }
        return (removed, interrupted);
    }
}
