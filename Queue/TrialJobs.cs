using Hangfire;
using Hangfire.States;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>How any of our queues enqueues a trial's job and counts the jobs it still holds, whatever its storage.</summary>
public static class TrialJobs
{
    /// <summary>States of a job that no worker has fetched yet: it can still be deleted, and it will still run.</summary>
    public static IReadOnlySet<string> WaitingStates { get; } =
        new HashSet<string> { EnqueuedState.StateName, ScheduledState.StateName, AwaitingState.StateName };

    /// <summary>States of a job that is waiting or being run: the trial needs no other job.</summary>
    public static IReadOnlySet<string> LiveStates { get; } = new HashSet<string>(WaitingStates) { ProcessingState.StateName };

    /// <summary>Enqueues TrialJob.Run for the trial, with this process's code fingerprint; returns the job id.</summary>
    public static string Enqueue(IBackgroundJobClient client, PendingTrial trial)
    {
        var (hash, config, code) = (trial.Hash, trial.ConfigJson, CodeFingerprint.Current);
        return client.Enqueue<TrialJob>(job => job.Run(hash, config, code, CancellationToken.None));
    }

    /// <summary>Jobs waiting or running in the storage's default queue.</summary>
    public static long Outstanding(JobStorage storage)
    {
        var monitoring = storage.GetMonitoringApi();
        return monitoring.EnqueuedCount("default") + monitoring.ProcessingCount();
    }
}
