using Hangfire;
using Hangfire.InMemory;
using Sweep.Results;
using Sweep.Queue;
using Sweep.Trials;

namespace Sweep.Coordinator.Running;

/// <summary>
/// The default queue: Hangfire.InMemory storage with an in-process BackgroundJobServer of N workers.
/// Nothing survives the process, which is fine: the results file, not the queue, is the record of what is done,
/// and the next `sweep run` enqueues whatever has no result.
/// </summary>
public sealed class EmbeddedQueue : ITrialQueue
{
    private readonly InMemoryStorage _storage = new(new InMemoryStorageOptions());
    private readonly BackgroundJobServer _server;
    private readonly BackgroundJobClient _client;

    public EmbeddedQueue(int workers, Func<TrialJob> createJob)
    {
        Workers = Math.Max(1, workers);
        _server = QueueServer.Start(_storage, workers, createJob);
        _client = new BackgroundJobClient(_storage);
    }

    public bool AllWorkersLocal => true;

    public int Workers { get; }

    public void Enqueue(IReadOnlyList<PendingTrial> trials)
    {
        foreach (var trial in trials) TrialJobs.Enqueue(_client, trial);
    }

    /// <summary>Nothing to copy: the jobs of this queue write the results file themselves.</summary>
    public void Collect(IEnumerable<string> trialHashes) { }

    /// <summary>Jobs waiting or running in the queue; zero means every enqueued job has finished.</summary>
    public long Outstanding => TrialJobs.Outstanding(_storage);

    /// <summary>Asks running jobs to stop (their CancellationToken fires) without waiting.</summary>
    public void RequestStop() => _server.SendStop();

    public bool StopRequested => false;

    public void Dispose()
    {
        _server.Dispose();
        _storage.Dispose();
    }
}
