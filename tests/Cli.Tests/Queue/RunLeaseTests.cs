using Sweep.Queue;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Queue;

/// <summary>
/// `sweep run --queue --lease SECONDS` on a real PostgreSQL queue: the run's own local workers claim trials for that
/// lease, so a `sweep worker` takes over the trial of a SIGKILLed run after about SECONDS, not the default minute. Its own
/// class so that it runs beside DistributedRunTests (a class's tests run one after another).
/// </summary>
public class RunLeaseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    // Two short trials of four epochs: little to train on a loaded CI machine, and three epochs (not one) between the
    // first one's "epoch 1/4" line and its end, so the kill lands while that trial trains however late the line is read.
    private const string LeaseSweep = """
        name: shared
        parameters:
          lr: {values: [0.1, 0.2]}
          hidden: {value: [300]}
          epochs: {value: 4}
        """;

    [Fact]
    public void SigKillOfARunTrainingOnTheQueue_ItsClaimCarriesItsLease_AndAWorkerTrainsTheTrialAgain()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var file = folder.Write("shared.yaml", LeaseSweep);
        var lease = QueueProcesses.ShortLease.ToString(System.Globalization.CultureInfo.InvariantCulture);
        TrialRow held;
        // The run trains on the queue itself (one local worker), as a laptop sharing trials with `sweep worker`s would.
        using (var killed = new RunningSweep(folder.Path, "run", file, "--queue", database.ConnectionString, "--workers", "1", "--lease", lease))
        {
            killed.WaitForError("epoch 1/4", Patience);
            killed.Kill();
            killed.WaitForExit(Patience);
            held = Assert.Single(QueueProcesses.Rows(folder, "shared"), row => row.Status == TrialStatus.Running);
            Assert.EndsWith($":{killed.Pid}", held.Worker!, StringComparison.Ordinal);
        }
        // Its claim on the queue lasts --lease, not the default minute: that is how long a worker now waits for it.
        using (var connection = QueueProcesses.Storage(database).GetConnection())
        {
            var claim = connection.GetAllEntriesFromHash(HangfireTrialStore.Key(held.Hash))!;
            Assert.Equal(held.Worker, claim["worker"]);
            Assert.Equal(lease, claim["lease_seconds"]);
        }
        using var worker = QueueProcesses.Worker(folder, database, QueueProcesses.ShortLease);

        var rerun = SweepProcess.RunIn(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers", "--lease", lease);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        var rows = QueueProcesses.Rows(folder, "shared");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal(TrialStatus.Completed, row.Status));
        var again = Assert.Single(rows, row => row.Hash == held.Hash);
        Assert.True(again.Attempt >= 2, $"attempt {again.Attempt}");
        Assert.EndsWith($":{worker.Pid}", again.Worker!, StringComparison.Ordinal);
    }
}
