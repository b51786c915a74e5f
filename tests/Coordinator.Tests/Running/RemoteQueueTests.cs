using Hangfire;
using Hangfire.InMemory;
using Hangfire.States;
using Sweep.Coordinator.Running;
using Sweep.Queue;

namespace Sweep.Coordinator.Tests.Running;

/// <summary>The coordinator's side of a shared queue, on Hangfire.InMemory without workers: jobs are moved by hand.</summary>
public sealed class RemoteQueueTests : IDisposable
{
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
}
