using Hangfire;
using Hangfire.InMemory;
using Hangfire.States;
using Sweep.Coordinator.Running;
using Sweep.Queue;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.Running;

/// <summary>
/// The coordinator's side of a shared queue, on Hangfire.InMemory without workers: jobs are moved by hand. What it
/// copies into the results file has started_at and finished_at of the attempt that produced the result, on its worker's
/// clock, and the code fingerprint that computed it — whether it watched the attempt or was away while it ran.
/// </summary>
public sealed class RemoteQueueTests : IDisposable
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private readonly InMemoryStorage storage = new(new InMemoryStorageOptions());
    private readonly TempResultsFile results = new();

    public void Dispose()
    {
        storage.Dispose();
        results.Dispose();
    }

    [Fact]
    public void Collect_ReEnqueuesATrialWhoseWorkerLetItsLeaseLapse_OnceUntilAWorkerFetchesIt()
    {
        using var store = results.Open();
        var trial = Fixtures.Grid(0.1)[0];
        var pending = new Sweep.Trials.PendingTrial(trial.Hash, trial.ConfigJson);
        using var queue = new RemoteQueue(storage, store, localServer: null);
        queue.Enqueue([pending]);
        var trials = new HangfireTrialStore(storage);
        var firstJob = trials.Read(trial.Hash).JobId!;
        // A worker fetched the job, claimed the trial and was cut off: its job is gone (deleted from the dashboard, say), its lease lapses.
        Assert.NotNull(new HangfireTrialStore(storage, lease: TimeSpan.FromMilliseconds(200)).TryClaim(trial.Hash, "cut-off-worker"));
        new BackgroundJobClient(storage).ChangeState(firstJob, new DeletedState());
        queue.Collect([trial.Hash]);
        Assert.Equal(firstJob, trials.Read(trial.Hash).JobId); // the lease is live: nothing to do
        Thread.Sleep(500);

        queue.Collect([trial.Hash]);
        var secondJob = trials.Read(trial.Hash).JobId!;
        queue.Collect([trial.Hash]);

        Assert.NotEqual(firstJob, secondJob);
        Assert.Equal(secondJob, trials.Read(trial.Hash).JobId);
        using var connection = storage.GetConnection();
        Assert.Equal(EnqueuedState.StateName, connection.GetStateData(secondJob).Name);
    }

    [Fact]
    public void ARetriedTrial_StoresTheStartOfTheAttemptThatProducedTheResult()
    {
        using var store = results.Open();
        var trial = Fixtures.Grid(0.1)[0];
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        using var queue = new RemoteQueue(storage, store, localServer: null);
        queue.Enqueue([new PendingTrial(trial.Hash, trial.ConfigJson)]);
        // Attempt 1 runs while the coordinator watches, then its worker is cut off and its lease lapses.
        Assert.NotNull(new HangfireTrialStore(storage, lease: TimeSpan.FromMilliseconds(100)).TryClaim(trial.Hash, "cut-off-worker"));
        queue.Collect([trial.Hash]);
        var firstStart = store.TrialRows("lr-lambda")[0].StartedAt;
        Thread.Sleep(300);

        var workers = new HangfireTrialStore(storage);
        var second = workers.TryClaim(trial.Hash, "worker-2")!;
        Assert.True(workers.RecordOutcome(second, Fixtures.Completed(0.9)));
        queue.Collect([trial.Hash]);

        var reported = workers.Read(trial.Hash);
        var row = store.TrialRows("lr-lambda")[0];
        Assert.Equal((2, "worker-2", TrialStatus.Completed), (row.Attempt, row.Worker, row.Status));
        Assert.NotNull(firstStart);
        Assert.NotEqual(firstStart, row.StartedAt);
        Assert.Equal(reported.StartedAt!.Value.ToString(Format), row.StartedAt);
        Assert.Equal(reported.FinishedAt!.Value.ToString(Format), row.FinishedAt);
        Assert.Equal(CodeFingerprint.Current, Code(trial.Hash));
    }

    [Fact]
    public void ATrialFinishedWhileNoCoordinatorWatched_StoresItsWorkersStartFinishAndCode()
    {
        var trial = Fixtures.Grid(0.1)[0];
        var workers = new HangfireTrialStore(storage);
        var claim = workers.TryClaim(trial.Hash, "worker-1")!;
        Assert.True(workers.RecordOutcome(claim, Fixtures.Completed(0.9)));
        var reported = workers.Read(trial.Hash);

        // The coordinator (re)starts afterwards and finds the result in the queue's storage.
        using var store = results.Open();
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        using (var queue = new RemoteQueue(storage, store, localServer: null))
            queue.Enqueue([new PendingTrial(trial.Hash, trial.ConfigJson)]);

        var row = store.TrialRows("lr-lambda")[0];
        Assert.Equal(TrialStatus.Completed, row.Status);
        Assert.Equal(reported.StartedAt!.Value.ToString(Format), row.StartedAt);
        Assert.Equal(reported.FinishedAt!.Value.ToString(Format), row.FinishedAt);
        Assert.Equal(CodeFingerprint.Current, Code(trial.Hash));
    }

    /// <summary>The code column as users read it: through the trial_results view.</summary>
    private string? Code(string hash)
    {
        using var connection = results.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT code FROM trial_results WHERE hash = $hash";
        command.Parameters.AddWithValue("$hash", hash);
        return command.ExecuteScalar() as string;
    }
}
