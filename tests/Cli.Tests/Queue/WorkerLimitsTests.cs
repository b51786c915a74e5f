using System.Text.RegularExpressions;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Queue;

/// <summary>
/// `sweep worker` as a batch-scheduler job: `--count N` and `--idle-exit SECONDS` end it by itself, and its log has a
/// line per trial started and ended. A real coordinator and real worker processes on a real PostgreSQL queue.
/// </summary>
public sealed class WorkerLimitsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    [Fact]
    public void WorkerWithCount_ExitsAfterThatManyTrials_AndOneWithIdleExit_TakesTheRestThenExits_LoggingEveryTrial()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var file = folder.Write("limits.yaml", """
            name: limits
            parameters:
              lr: {values: [0.05, 0.1, 0.2]}
              hidden: {value: [16]}
              epochs: {value: 1}
            """);
        using var coordinator = new RunningSweep(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers");

        var counted = SweepProcess.RunIn(folder.Path, "worker", "--queue", database.ConnectionString, "--workers", "1", "--count", "2");
        // Longer than a worker takes to start and fetch the waiting job, on a machine loaded by the tests beside this one
        // (10 s once proved too short in CI): a job fetched just as the limit ends is interrupted.
        // This one starts with an empty data root, as on a new machine: it fetches MNIST (from the local copy) and says so.
        var idle = SweepProcess.RunWithEnvironment(folder.Path,
            new Dictionary<string, string?> { ["SWEEP_DATA_DIR"] = folder.Path, ["SWEEP_DATA_FROM"] = MnistData.Folder },
            "worker", "--queue", database.ConnectionString, "--workers", "1", "--idle-exit", "30");

        Assert.True(counted.ExitCode == 0, counted.ToString());
        Assert.Equal(2, Regex.Count(counted.Stdout, @"\] started  [0-9a-f]{10}  lr="));
        Assert.Equal(2, Regex.Count(counted.Stdout, @"\] completed  [0-9a-f]{10}  val_acc \d+\.\d\d%  test_acc \d+\.\d\d%  \d+\.\ds"));
        Assert.Contains("stopped (--count 2 reached; 2 trials ended here)", counted.Stdout);
        Assert.True(idle.ExitCode == 0, idle.ToString());
        Assert.Equal(1, Regex.Count(idle.Stdout, @"\] completed  [0-9a-f]{10}"));
        Assert.Contains("fetching train-images-idx3-ubyte from ", idle.Stdout);
        Assert.Matches($@"trial [0-9a-f]{{10}} needs mnist: not in {Regex.Escape(Path.Combine(folder.Path, "mnist"))} yet, fetching and verifying it first", idle.Stderr);
        Assert.Matches(@"trial [0-9a-f]{10} needs mnist: loading it from \S+ and checking its checksum", counted.Stderr);
        Assert.True(File.Exists(Path.Combine(folder.Path, "mnist", "train-images-idx3-ubyte.gz")) || File.Exists(Path.Combine(folder.Path, "mnist", "train-images-idx3-ubyte")));
        Assert.Contains("stopped (idle for 30 s; 1 trial ended here)", idle.Stdout);
        Assert.Equal(0, coordinator.WaitForExit(Patience));
        using var store = ResultsStore.Open(folder.ResultsPath);
        Assert.All(store.TrialRows("limits"), row => Assert.Equal(TrialStatus.Completed, row.Status));
    }
}
