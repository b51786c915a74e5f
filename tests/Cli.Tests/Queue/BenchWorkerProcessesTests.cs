using Hangfire;

namespace Sweep.Cli.Tests.Queue;

/// <summary>
/// `sweep bench scheduler --worker-processes N` (issue 9): real `sweep worker --bench-zero-work` processes drain
/// zero-work trials on a real PostgreSQL queue, and the bench counts from its results file that each trial ran once.
/// </summary>
public sealed class BenchWorkerProcessesTests
{
    [Fact]
    public void ThreeWorkerProcesses_DrainSixtyTrials_EachExactlyOnce_AndLeaveASweepsJobAlone()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        // A real sweep's job waiting on the same database: zero-work workers must not take it (it is not even a trial
        // job, so a worker that fetched it would fail it, and the queue would no longer hold it).
        var storage = QueueProcesses.Storage(database);
        new BackgroundJobClient(storage).Enqueue(() => Console.WriteLine("a real sweep's job"));

        var result = SweepProcess.RunIn(folder.Path, "bench", "scheduler", "--trials", "60", "--worker-processes", "3", "--queue", database.ConnectionString);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("duplicates: 0, lost: 0 (of 60 trials in the results file)", result.StdoutLines);
        Assert.Contains(result.StdoutLines, line => line.StartsWith("│ 3 ", StringComparison.Ordinal) && line.Contains("│ 60 ", StringComparison.Ordinal));
        Assert.Equal(1, storage.GetMonitoringApi().EnqueuedCount("default"));
    }

    [Fact]
    public void WorkerProcesses_WithoutAQueue_ExitsTwo_NamingWhatIsMissing()
    {
        using var folder = new TempFolder();

        var result = SweepProcess.RunWithEnvironment(folder.Path, new Dictionary<string, string?> { ["SWEEP_QUEUE"] = null },
            "bench", "scheduler", "--trials", "5", "--worker-processes", "2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--worker-processes needs a queue: pass --queue CONN or set SWEEP_QUEUE", result.Stderr);
    }
}
