using Hangfire;
using Hangfire.States;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>How any of our queues enqueues a trial's job and counts the jobs it still holds, whatever its storage.</summary>
public static class TrialJobs
{
    /// <summary>The name of the job's current state (Enqueued, Processing, Deleted, …), or null for a job the storage does not hold.</summary>
    public static string? StateOf(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    /// <summary>States of a job that no worker has fetched yet: it can still be deleted, and it will still run.</summary>
    public static IReadOnlySet<string> WaitingStates { get; } =
        new HashSet<string> { EnqueuedState.StateName, ScheduledState.StateName, AwaitingState.StateName };

    /// <summary>States of a job that is waiting or being run: the trial needs no other job.</summary>
    public static IReadOnlySet<string> LiveStates { get; } = new HashSet<string>(WaitingStates) { ProcessingState.StateName };

    /// <summary>The Hangfire queue of real sweeps' trials: the only one `sweep run` and `sweep worker` use.</summary>
    public const string SweepQueue = "default";

    /// <summary>
    /// The Hangfire queue of `sweep bench scheduler`'s zero-work trials, which only its zero-work workers listen to: a
    /// real worker never trains a benchmark's trial, and a zero-work worker never "completes" a real sweep's trial.
    /// </summary>
    public const string BenchQueue = "sweep-bench-zero-work";

    /// <summary>
    /// Enqueues TrialJob.Run for the trial onto <paramref name="queue"/>, with this process's code fingerprint; returns
    /// the job id. The queue is stored in the job itself, so a retry or a refusal's reschedule stays on it.
    /// </summary>
    public static string Enqueue(IBackgroundJobClient client, PendingTrial trial, string queue = SweepQueue)
    {
        var (hash, config, code, plan) = (trial.Hash, trial.ConfigJson, CodeFingerprint.Current, trial.Plan);
        return client.Enqueue<TrialJob>(queue, job => job.Run(hash, config, code, plan, CancellationToken.None));
    }

    /// <summary>Jobs waiting in <paramref name="queue"/> or running (in any queue) in the storage.</summary>
    public static long Outstanding(JobStorage storage, string queue = SweepQueue)
    {
        var monitoring = storage.GetMonitoringApi();
        return monitoring.EnqueuedCount(queue) + monitoring.ProcessingCount();
    }
}
