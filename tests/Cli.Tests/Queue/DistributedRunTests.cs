using Hangfire;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Queue;

/// <summary>
/// A coordinator and `sweep worker` processes sharing a real PostgreSQL queue on 127.0.0.1, each test on a database of
/// its own: killed workers, a killed coordinator, a foreign job. The restarted server is PostgresRestartTests'.
/// </summary>
public class DistributedRunTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    internal const string SharedSweep = """
        name: shared
        parameters:
          lr: {values: [0.1, 0.2, 0.3, 0.4]}
          hidden: {value: [300]}
          epochs: {value: 3}
        """;

    [Fact]
    public void CoordinatorAndTwoWorkerProcesses_StoreOneResultPerTrial_InTheCoordinatorsResultsFile()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var file = folder.Write("shared.yaml", SharedSweep);
        using var first = Worker(folder, database);
        using var second = Worker(folder, database);

        var run = SweepProcess.RunIn(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers");

        Assert.True(run.ExitCode == 0, run.ToString());
        var rows = Rows(folder);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, row => Assert.Equal(TrialStatus.Completed, row.Status));
        var workerNames = new[] { first.Pid, second.Pid }.Select(pid => $":{pid}").ToArray();
        Assert.All(rows, row => Assert.Contains(workerNames, name => row.Worker!.EndsWith(name, StringComparison.Ordinal)));
        Assert.DoesNotContain(PostgresDatabase.Password, run.Stdout + run.Stderr + first.Stdout + first.Stderr);
        // The coordinator's log says who holds each trial (trials take seconds; it looks every 200 ms).
        Assert.All(rows, row => Assert.Contains($"held     {TrialHashText.Short(row.Hash)}  by {row.Worker}, last heartbeat ", run.Stderr));
    }

    [Fact]
    public void SigKillOfAWorkerInTheMiddleOfATrial_AnotherWorkerRunsItAgain_AndTheSweepCompletes()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var file = folder.Write("shared.yaml", SharedSweep);
        using var victim = Worker(folder, database, QueueProcesses.ShortLease);
        using var survivor = Worker(folder, database, QueueProcesses.ShortLease);
        using var coordinator = new RunningSweep(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers");

        coordinator.WaitForError("epoch 1/3", Patience);
        WaitUntil(() => Rows(folder).Any(row => row.Status == TrialStatus.Running && row.Worker!.EndsWith($":{victim.Pid}", StringComparison.Ordinal)), Patience);
        victim.Kill();

        Assert.Equal(0, coordinator.WaitForExit(Patience));
        var rows = Rows(folder);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, row => Assert.Equal(TrialStatus.Completed, row.Status));
        Assert.Contains(rows, row => row.Attempt >= 2 && row.Worker!.EndsWith($":{survivor.Pid}", StringComparison.Ordinal));
        // Its trial waited a lease (--lease 10) for the dead worker, whose heartbeat the coordinator said was late.
        Assert.Contains($":{victim.Pid}: no heartbeat for ", coordinator.Stderr);
        Assert.Contains($"handed out again when its {QueueProcesses.ShortLease} s lease lapses", coordinator.Stderr);
    }

    [Fact]
    public void SigKillOfTheCoordinator_ThenRunAgain_CollectsTheResultsThatFinishedMeanwhile()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var file = folder.Write("shared.yaml", SharedSweep);
        using var worker = Worker(folder, database);
        using (var coordinator = new RunningSweep(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers"))
        {
            coordinator.WaitForError("epoch 1/3", Patience);
            coordinator.Kill();
            coordinator.WaitForExit(Patience);
        }
        var storage = Storage(database);
        WaitUntil(() => storage.GetMonitoringApi().SucceededListCount() == 4, Patience); // the worker finished all four

        var rerun = SweepProcess.RunIn(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers");

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.DoesNotContain("started", rerun.Stderr); // everything had finished: collected, not trained again
        var rows = Rows(folder);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, row => Assert.Equal(TrialStatus.Completed, row.Status));
        Assert.All(rows, row => Assert.Equal(1, row.Attempt));
    }

    [Fact]
    public void AJobForAMethodThatIsNotOurs_IsRefused_AndNeverExecuted()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var evidence = Path.Combine(folder.Path, "pwned.txt");
        // The attacker writes straight into the queue database, as anyone with access to it could.
        new BackgroundJobClient(Storage(database)).Enqueue(() => File.WriteAllText(evidence, "pwned"));

        using (var worker = Worker(folder, database))
        {
            worker.WaitForError("refused", Patience);
            Thread.Sleep(TimeSpan.FromSeconds(3)); // time in which a default server would long have run it
        }

        Assert.False(File.Exists(evidence), "the foreign job ran");
    }

    private static RunningSweep Worker(TempFolder folder, PostgresDatabase database, int? lease = null) => QueueProcesses.Worker(folder, database, lease);

    private static JobStorage Storage(PostgresDatabase database) => QueueProcesses.Storage(database);

    private static IReadOnlyList<TrialRow> Rows(TempFolder folder) => QueueProcesses.Rows(folder, "shared");

    private static void WaitUntil(Func<bool> condition, TimeSpan timeout) => QueueProcesses.WaitUntil(condition, timeout);
}
