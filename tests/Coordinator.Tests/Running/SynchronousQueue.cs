using Sweep.Coordinator.Running;
using Sweep.Queue;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.Running;

/// <summary>
/// A fake ITrialQueue with every worker local: Enqueue runs each trial's real <see cref="TrialJob"/> at once, in order,
/// on the calling thread, so a run's outcome is decided before SweepRunner's first poll and no test waits on a timer.
/// After <see cref="RequestStop"/> the jobs still waiting are not started, as an embedded server's are not.
/// </summary>
/// <param name="lose">Trials whose job the queue loses before it claims them (as Hangfire can): never run.</param>
public sealed class SynchronousQueue(Func<TrialJob> createJob, Func<PendingTrial, bool>? lose = null) : ITrialQueue
{
    private readonly CancellationTokenSource stop = new();

    public List<string> Enqueued { get; } = [];

    public bool Disposed { get; private set; }

    public bool AllWorkersLocal => true;

    /// <summary>One: each job runs to its end inside Enqueue.</summary>
    public int Workers => 1;

    public long Outstanding => 0;

    public void Enqueue(IReadOnlyList<PendingTrial> trials)
    {
        foreach (var trial in trials)
        {
            Enqueued.Add(trial.Hash);
            if (stop.IsCancellationRequested || (lose?.Invoke(trial) ?? false)) continue;
            createJob().Run(trial.Hash, trial.ConfigJson, CodeFingerprint.Current, trial.Plan, stop.Token);
        }
    }

    /// <summary>Nothing to copy: the jobs write the results file themselves.</summary>
    public void Collect(IEnumerable<string> trialHashes) { }

    public void RequestStop() => stop.Cancel();

    public bool StopRequested => false;

    public void Dispose()
    {
        Disposed = true;
        stop.Dispose();
    }
}
