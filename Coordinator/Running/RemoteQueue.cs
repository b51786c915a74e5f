using Hangfire;
using Sweep.Results;
using Sweep.Queue;
using Sweep.Trials;

namespace Sweep.Coordinator.Running;

/// <summary>
/// A queue shared with `sweep worker` processes on other machines. Jobs report into the queue's storage (see
/// <see cref="HangfireTrialStore"/>); this side, the coordinator, copies those reports into the results file, which
/// it alone writes. Enqueueing is idempotent across coordinator restarts: a trial whose result is already in the queue's
/// storage is copied, not enqueued, and a trial whose job is still queued or running is left to it.
/// </summary>
public sealed class RemoteQueue : ITrialQueue
{
    private readonly string _queueName;
    private readonly JobStorage _storage;
    private readonly ResultsStore _results;
    private readonly HangfireTrialStore _trials;
    private readonly BackgroundJobClient _client;
    private readonly BackgroundJobServer? _localServer;
    private readonly Dictionary<string, PendingTrial> _enqueued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedRefusals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrialHeartbeat> _heartbeats = new(StringComparer.Ordinal);
    private readonly CollectRotation _rotation = new();

    /// <param name="localServer">Workers of this process on the same queue, or null to only coordinate.</param>
    /// <param name="queueName">The Hangfire queue of the jobs: a real sweep's, unless a benchmark's (<see cref="TrialJobs.BenchQueue"/>).</param>
    public RemoteQueue(JobStorage storage, ResultsStore results, Func<JobStorage, BackgroundJobServer>? localServer, string queueName = TrialJobs.SweepQueue)
    {
        _queueName = queueName;
        _storage = storage;
        _results = results;
        _trials = new HangfireTrialStore(storage);
        _client = new BackgroundJobClient(storage);
        _localServer = localServer?.Invoke(storage);
    }

    public bool AllWorkersLocal => false;

    /// <summary>The workers of every live Hangfire server that takes this queue's jobs (local and `sweep worker`), read at most every few seconds.</summary>
    public int Workers
    {
        get
        {
            if (_workersReadAt is null || _workersReadAt.Elapsed > WorkersReadInterval)
            {
                _workers = Math.Max(1, StorageRetry.Run(() => _storage.GetMonitoringApi().Servers()
                    .Where(server => server.Queues.Contains(_queueName)).Sum(server => server.WorkersCount)));
                _workersReadAt = System.Diagnostics.Stopwatch.StartNew();
            }
            return _workers;
        }
    }

    private static readonly TimeSpan WorkersReadInterval = TimeSpan.FromSeconds(5);
    private System.Diagnostics.Stopwatch? _workersReadAt;
    private int _workers = 1;

    public long Outstanding => TrialJobs.Outstanding(_storage, _queueName);

    /// <summary>
    /// Trials enqueued at once. Each costs several round trips to the queue's database, and one at a time they were the
    /// bottleneck of a large sweep: 16 worker processes waited for jobs while 10,000 trials went in at ~4 a second.
    /// </summary>
    private const int EnqueueThreads = 8;

    public void Enqueue(IReadOnlyList<PendingTrial> trials)
    {
        foreach (var trial in trials) _enqueued[trial.Hash] = trial;
        try
        {
            Parallel.ForEach(trials, new ParallelOptions { MaxDegreeOfParallelism = EnqueueThreads }, trial => StorageRetry.Run(() => EnqueueOne(trial)));
        }
        catch (AggregateException error) when (error.InnerExceptions.Count > 0)
        {
            // The caller reports a store failure as it would from one thread, not wrapped.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error.InnerExceptions[0]);
        }
    }

    private void EnqueueOne(PendingTrial trial)
    {
        using var connection = _storage.GetConnection();
        {
            var state = _trials.Read(trial.Hash);
            if (state.HasResult)
            {
                _results.Mirror(trial.Hash, state); // finished while no coordinator was watching
                return;
            }
            if (state.Stopped) _trials.Resume(trial.Hash); // a stopped sweep runs again
            else if (state.JobId is { } jobId && connection.GetStateData(jobId)?.Name is { } name && TrialJobs.LiveStates.Contains(name)) return;
            _trials.RecordJob(trial.Hash, TrialJobs.Enqueue(_client, trial, _queueName));
        }
    }

    public void Collect(IEnumerable<string> trialHashes)
    {
        // Reads retry through a database restart (StorageRetry); the next poll picks up anything missed. Not every
        // trial on every poll: see CollectRotation.
        foreach (var hash in _rotation.Next(trialHashes))
        {
            var state = _trials.Read(hash);
            _rotation.Saw(hash, state.Attempt > 0 && state.Outcome is null);
            ReportRefusals(hash, state);
            _results.Mirror(hash, state);
            if (TrialHeartbeat.Of(state) is { } heartbeat) _heartbeats[hash] = heartbeat;
            else _heartbeats.Remove(hash);
            if (state.Stopped) StopRequested = true;
            if (Abandoned(state) && _enqueued.TryGetValue(hash, out var trial)) StorageRetry.Run(() => _trials.RecordJob(hash, TrialJobs.Enqueue(_client, trial, _queueName)));
        }
    }

    /// <summary>
    /// Started, without an outcome, and its lease lapsed (a killed or cut-off worker; or handed back): re-enqueued at
    /// once rather than after Hangfire's invisibility timeout, unless its job is still waiting to be fetched (the
    /// previous re-enqueue). The dead worker's old job, if Hangfire delivers it again, finds the trial claimed.
    /// </summary>
    private bool Abandoned(RemoteTrialState state)
    {
        if (state.Attempt == 0 || state.Outcome is not null || state.LeaseExpires > DateTime.UtcNow) return false;
        var job = state.JobId is { } jobId ? TrialJobs.StateOf(_storage, jobId) : null;
        return job is null || !TrialJobs.WaitingStates.Contains(job);
    }

    /// <summary>Once per worker and code: a worker built from other code refused this coordinator's jobs (they wait for a matching one).</summary>
    private void ReportRefusals(string hash, RemoteTrialState state)
    {
        foreach (var (worker, code) in state.Refusals ?? new Dictionary<string, string>())
            if (_reportedRefusals.Add($"{worker} {code}"))
                Console.Error.WriteLine($"sweep: worker {worker} refused trial {TrialHashText.Short(hash)}: it runs code {code}, " +
                                        $"this coordinator queued code {CodeFingerprint.Current}; start workers built from the same source");
    }

    public bool StopRequested { get; private set; }

    public IReadOnlyDictionary<string, TrialHeartbeat> Heartbeats => _heartbeats;

    /// <summary>Cancels this run's trials on the queue (see <see cref="SweepCancel"/>), then stops the local workers.</summary>
    public void RequestStop()
    {
        SweepCancel.Stop(_storage, _trials, _enqueued.Keys);
        _localServer?.SendStop();
    }

    public void Dispose() => _localServer?.Dispose();
}
