using Sweep.Trials;

namespace Sweep.Cli.Tests.Queue;

/// <summary>
/// A restart of the PostgreSQL server under a running sweep. It restarts the one server every queue test uses, so it
/// runs alone, after the tests that run in parallel (<see cref="ServerRestartCollection"/>): a restart under another
/// test's feet failed that test (57P03 "the database system is shutting down").
/// </summary>
[Collection(ServerRestartCollection.Name)]
public class PostgresRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    [Fact]
    public void PostgresRestartInTheMiddleOfASweep_WorkersAndCoordinatorReconnectAndFinish()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var file = folder.Write("shared.yaml", DistributedRunTests.SharedSweep);
        using var worker = QueueProcesses.Worker(folder, database);
        using var coordinator = new RunningSweep(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers");

        coordinator.WaitForError("epoch 1/3", Patience);
        PostgresDatabase.RestartServer();

        Assert.Equal(0, coordinator.WaitForExit(Patience));
        var rows = QueueProcesses.Rows(folder, "shared");
        Assert.Equal(4, rows.Count);
        Assert.All(rows, row => Assert.Equal(TrialStatus.Completed, row.Status));
    }
}
