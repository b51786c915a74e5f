using Sweep.Results;
using Sweep.Trials;
using static Sweep.Cli.Tests.Queue.QueueProcesses;

namespace Sweep.Cli.Tests.Queue;

/// <summary>
/// Checkpoints on a real PostgreSQL queue: a `sweep worker` SIGKILLed once it checkpointed an epoch of 8 leaves its trial's checkpoint in the
/// queue's database, the worker that takes the trial over resumes from it, and the trial ends bit-identical to the same
/// trial run uninterrupted without any queue; the checkpoint row is gone afterwards.
/// </summary>
public sealed class DistributedCheckpointTests
{
    private const string OneTrial = """
        name: handover
        parameters:
          hidden: {value: [300]}
          epochs: {value: 8}
        """;

    [Fact]
    public void AWorkerKilledAfterItsFirstCheckpoint_ItsSuccessorResumesFromTheQueuesCheckpoint_AndStoresTheUninterruptedMetrics()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var file = folder.Write("handover.yaml", OneTrial);
        using var victim = Worker(folder, database, ShortLease);
        using var coordinator = new RunningSweep(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers");
        // Watched in the queue itself: the results file learns of epochs only when the coordinator collects them, by which
        // time a loaded machine's worker may have trained the last epoch (an epoch of this net takes well under a second).
        WaitUntil(() => QueueRows(database, "checkpoint") == 1, Patience);
        victim.Kill();

        using var successor = Worker(folder, database, ShortLease); // takes the trial over once the dead worker's lease expires
        Assert.Equal(0, coordinator.WaitForExit(Patience));
        var uninterruptedResults = Path.Combine(folder.Path, "uninterrupted.db");
        var uninterrupted = SweepProcess.RunIn(folder.Path, "run", file, "--results", uninterruptedResults);

        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.ToString());
        Assert.Matches(@"resumed from epoch [1-7] of 8", successor.Stderr);
        var resumed = Rows(folder, "handover").Single();
        Assert.Equal(TrialStatus.Completed, resumed.Status);
        Assert.Equal(2, resumed.Attempt);
        Assert.EndsWith($":{successor.Pid}", resumed.Worker, StringComparison.Ordinal);
        using var store = ResultsStore.Open(uninterruptedResults);
        var expected = store.TrialRows("handover").Single();
        Assert.Equal(Bits(expected), Bits(resumed));
        Assert.Equal(0L, QueueRows(database, "checkpoint"));
    }

    private static long?[] Bits(TrialRow row) =>
        [.. new[] { row.TrainLoss, row.ValLoss, row.ValAcc, row.TestLoss, row.TestAcc }.Select(value => value is { } v ? BitConverter.DoubleToInt64Bits(v) : (long?)null)];
}
