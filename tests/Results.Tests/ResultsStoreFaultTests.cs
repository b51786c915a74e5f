using Dapper;
using Microsoft.Data.Sqlite;
using Sweep.Engine.Training;
using Sweep.Results.Storage;
using Sweep.Worker.Trials;

namespace Sweep.Results.Tests;

/// <summary>
/// A write lock held by another connection past the busy timeout: waited out within the lock wait, otherwise one
/// error naming the file; and in a trial job such an error is never the trial's outcome.
/// </summary>
public sealed class ResultsStoreFaultTests : IDisposable
{
    private static readonly TimeSpan ShortBusyTimeout = TimeSpan.FromMilliseconds(100);
    private readonly TempResultsFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public void AWriteLockHeldPastTheLockWait_FailsNamingTheFile_AndIsKeptAsTheWorkerFault()
    {
        using var store = ResultsStore.Open(file.Path, ShortBusyTimeout, lockWait: TimeSpan.Zero);
        var (trial, claim) = Claimed(store);
        using var holder = HoldWriteLock();

        var error = Assert.Throws<ResultsFileException>(() => store.RecordEpoch(claim, new EpochMetrics(1, 0.5, 0.4, 0.9, 0.1)));

        Assert.StartsWith($"{store.Path}: another program has held a write lock on it for ", error.Message);
        Assert.IsAssignableFrom<TrialStoreException>(error);
        Assert.Same(error, store.WorkerFault);
        Assert.Equal(TrialStatus.Running, store.TrialRows("lr-lambda").Single(row => row.Hash == trial.Hash).Status);
    }

    [Fact]
    public async Task AWriteLockReleasedWithinTheLockWait_IsWaitedOut_AndTheWriteIsStored()
    {
        using var store = ResultsStore.Open(file.Path, ShortBusyTimeout, lockWait: TimeSpan.FromMinutes(1));
        var (trial, claim) = Claimed(store);
        var holder = HoldWriteLock();

        var write = Task.Run(() => store.RecordOutcome(claim, Fixtures.Completed(0.97)));
        // Many busy timeouts long: without the retries the write would have failed by now.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(write.IsCompleted, write.Exception?.ToString() ?? "the write should still wait for the lock");
        holder.Dispose();

        Assert.True(await write.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Null(store.WorkerFault);
        Assert.Equal(TrialStatus.Completed, store.TrialRows("lr-lambda").Single(row => row.Hash == trial.Hash).Status);
    }

    [Fact]
    public void TrialJob_WhenTheStoreCannotRecordAnEpoch_EndsWithoutAnOutcome_AndTheTrialRunsAgainNextTime()
    {
        using var store = ResultsStore.Open(file.Path, ShortBusyTimeout, lockWait: TimeSpan.Zero);
        var trial = Fixtures.Grid(0.1)[0];
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        // The lock is released before the error reaches the job: a job that recorded it as the trial's outcome could.
        var runner = new Runner(onFirstEpoch: write =>
        {
            using var holder = HoldWriteLock();
            write();
        });

        Assert.Throws<ResultsFileException>(() => new TrialJob(store, runner, "worker-1").Run(trial.Hash, trial.ConfigJson, CancellationToken.None));

        var row = Assert.Single(store.TrialRows("lr-lambda"));
        Assert.Equal((TrialStatus.Running, 1, null), (row.Status, row.Attempt, row.Error));
        Assert.Single(store.PrepareRun("lr-lambda", retryFailed: false)); // a plain rerun trains it
    }

    private static (PlannedTrial Trial, TrialClaim Claim) Claimed(ResultsStore store)
    {
        var trial = Fixtures.Grid(0.1)[0];
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        return (trial, store.TryClaim(trial.Hash, "worker-1")!);
    }

    /// <summary>Another program's connection holding the write lock until disposed.</summary>
    private SqliteConnection HoldWriteLock()
    {
        var connection = file.Connect();
        connection.Execute("BEGIN EXCLUSIVE");
        return connection;
    }

    /// <summary>Reports its first epoch through <paramref name="onFirstEpoch"/>, which calls the job's callback.</summary>
    private sealed class Runner(Action<Action> onFirstEpoch) : ITrialRunner
    {
        public TrialOutcome Run(string trialHash, TrialConfig config, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
        {
            onFirstEpoch(() => onEpoch(new EpochMetrics(1, 0.5, 0.4, 0.85, 0.1)));
            return Fixtures.Completed(0.9, epochs: 1);
        }
    }
}
