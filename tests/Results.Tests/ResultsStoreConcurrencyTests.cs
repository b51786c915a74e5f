using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Results.Tests;

/// <summary>Two connections to one file: what SQLITE_BUSY looks like, and that the store waits instead of failing.</summary>
public sealed class ResultsStoreConcurrencyTests : IDisposable
{
    private const int SqliteBusy = 5;
    private readonly TempResultsFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public void AWriterWithoutBusyTimeout_FailsWithSqliteBusy_WhileAnotherConnectionHoldsAWriteTransaction()
    {
        using (var store = file.Open()) store.SyncSweep(Fixtures.Sweep(), Fixtures.Grid(0.1));
        using var holder = file.Connect();
        using var held = holder.BeginTransaction(deferred: false);
        holder.Execute("UPDATE sweeps SET updated_at = 'held'", transaction: held);

        // busy_timeout 0 and a 1 s retry budget in Microsoft.Data.Sqlite: the bare behaviour the store must avoid.
        using var impatient = file.Connect(defaultTimeoutSeconds: 1);
        impatient.Execute("PRAGMA busy_timeout = 0");
        var error = Assert.Throws<SqliteException>(() => impatient.Execute("UPDATE trials SET worker = 'x'"));

        Assert.Equal(SqliteBusy, error.SqliteErrorCode);
    }

    [Fact]
    public async Task TheStoresWriter_WaitsForAnotherConnectionsWriteTransaction_AndSucceedsOnceItCommits()
    {
        using var store = file.Open();
        var trial = Fixtures.Grid(0.1)[0];
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        var claim = store.TryClaim(trial.Hash, "worker-1")!;
        using var holder = file.Connect();
        var held = holder.BeginTransaction(deferred: false);
        holder.Execute("UPDATE sweeps SET updated_at = 'held'", transaction: held);

        var write = Task.Run(() => store.RecordOutcome(claim, Fixtures.Completed(0.97)));
        await Task.Delay(700);
        Assert.False(write.IsCompleted, "the write should wait while the other connection holds the write lock");
        held.Commit();
        held.Dispose();

        Assert.True(await write); // waited (asserted above), then wrote once the lock was released
        Assert.Equal(TrialStatus.Completed, store.TrialRows("lr-lambda")[0].Status);
    }

    [Fact]
    public void ConcurrentEpochsAndOutcomes_FromSeveralThreads_LoseNothing()
    {
        const int trialCount = 16;
        const int epochCount = 10;
        using var store = file.Open();
        var trials = Enumerable.Range(0, trialCount).Select(index => Fixtures.Planned(Fixtures.Config(seed: (ulong)index + 1))).ToList();
        store.SyncSweep(Fixtures.Sweep(), trials);

        Parallel.ForEach(trials, new ParallelOptions { MaxDegreeOfParallelism = 8 }, trial =>
        {
            // Two deliveries of every trial race for the claim; only one may train.
            var claims = new[] { store.TryClaim(trial.Hash, "a"), store.TryClaim(trial.Hash, "b") }.OfType<TrialClaim>().ToList();
            var claim = Assert.Single(claims);
            for (var epoch = 1; epoch <= epochCount; epoch++)
                store.RecordEpoch(claim, new EpochMetrics(epoch, 1.0 / epoch, 1.0 / epoch, 0.9, 0.01));
            Assert.True(store.RecordOutcome(claim, Fixtures.Completed(0.9, epochs: epochCount)));
        });

        Assert.Equal(trialCount, store.ListSweeps().Single(sweep => sweep.Name == "lr-lambda").Counts.Completed);
        Assert.All(trials, trial => Assert.Equal(epochCount, store.Epochs(trial.Hash).Count));
    }
}
