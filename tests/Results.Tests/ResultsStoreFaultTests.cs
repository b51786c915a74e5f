using Dapper;
using Microsoft.Data.Sqlite;
using Sweep.Engine.Training;
using Sweep.Results.Storage;
using Sweep.Trials;

namespace Sweep.Results.Tests;

/// <summary>
/// A write lock held by another connection past the busy timeout: waited out within the lock wait, otherwise one
/// error naming the file; the trial job's side is in Coordinator.Tests.
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
        using var holder = file.HoldWriteLock();

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
        var holder = file.HoldWriteLock();

        var write = Task.Run(() => store.RecordOutcome(claim, Fixtures.Completed(0.97)));
        // Many busy timeouts long: without the retries the write would have failed by now.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(write.IsCompleted, write.Exception?.ToString() ?? "the write should still wait for the lock");
        holder.Dispose();

        Assert.True(await write.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Null(store.WorkerFault);
        Assert.Equal(TrialStatus.Completed, store.TrialRows("lr-lambda").Single(row => row.Hash == trial.Hash).Status);
    }

    private static (PlannedTrial Trial, TrialClaim Claim) Claimed(ResultsStore store)
    {
        var trial = Fixtures.Grid(0.1)[0];
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        return (trial, store.TryClaim(trial.Hash, "worker-1")!);
    }
}
