using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Coordinator.Running;

/// <summary>Where a run's trial jobs go: the embedded in-process queue, or a queue shared with remote workers.</summary>
public interface ITrialQueue : IDisposable
{
    /// <summary>
    /// True when every worker runs in this process: an idle queue with pending trials then means jobs were lost, a stop
    /// waits for the running trials, and an interrupted trial is not delivered again.
    /// </summary>
    bool AllWorkersLocal { get; }

    /// <summary>Workers that take this queue's jobs (at least 1): how many trials a search keeps proposed ahead.</summary>
    int Workers { get; }

    /// <summary>Jobs waiting or running in the queue.</summary>
    long Outstanding { get; }

    /// <summary>Enqueues a job per trial, unless the queue already carries it or its result.</summary>
    void Enqueue(IReadOnlyList<PendingTrial> trials);

    /// <summary>
    /// Copies what workers reported for these trials into the results file (no-op where jobs write it). A shared queue
    /// reads a bounded part of them per call (<see cref="CollectRotation"/>), so the caller polls until they have ended.
    /// </summary>
    void Collect(IEnumerable<string> trialHashes);

    /// <summary>
    /// Asks the local workers' running jobs to stop (their CancellationToken fires) without waiting; a shared queue also
    /// cancels this run's trials on it, so remote workers stop them too and train none of them until the next run.
    /// </summary>
    void RequestStop();

    /// <summary>
    /// The holder and last lease renewal of each trial a remote worker runs, by trial hash, as of the last
    /// <see cref="Collect"/>; empty where every worker is local (the results file has their leases).
    /// </summary>
    IReadOnlyDictionary<string, TrialHeartbeat> Heartbeats => System.Collections.Immutable.ImmutableDictionary<string, TrialHeartbeat>.Empty;

    /// <summary>Someone else stopped the sweep (`sweep stop`): the run ends as if interrupted.</summary>
    bool StopRequested { get; }
}
