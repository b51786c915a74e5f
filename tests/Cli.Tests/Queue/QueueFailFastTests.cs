using Npgsql;
using Sweep.Cli.Commands;

namespace Sweep.Cli.Tests.Queue;

/// <summary>
/// A queue that refuses us or does not answer, through the real executable on a real PostgreSQL: a wrong password or
/// database is bad input (exit 2, a last line naming --queue after any retry notices, no password, no results file),
/// an unreachable server is said at once and retried for the time $SWEEP_QUEUE_CONNECT_WAIT gives, then exit 1, and
/// Ctrl-C ends that wait.
/// Which errors are which is Queue.Tests' QueueProbeTests.
/// </summary>
public sealed class QueueFailFastTests
{
    /// <summary>A bound on a hang, not a speed: before the probe these commands waited for more than ten minutes.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private const string WrongPassword = "wr0ng-pw-4711";

    private const string Sweep = """
        name: failfast
        parameters:
          lr: {values: [0.1, 0.2]}
          hidden: {value: [16]}
          epochs: {value: 1}
        """;

    /// <summary>Nothing listens on port 1 of this machine: a connection there is refused at once.</summary>
    private const string ClosedPort = "Host=127.0.0.1;Port=1;Username=postgres;Password=" + WrongPassword;

    public QueueFailFastTests() => SweepProcess.Run("--version"); // builds artifacts/sweep when sources changed

    [Fact]
    public void Run_WithAWrongPassword_ExitsWith2_ALineNamingQueue_WithoutThePassword_AndCreatesNoResultsFile()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var queue = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = WrongPassword }.ConnectionString;

        var (exit, stdout, stderr) = Finish(folder, [], "run", folder.Write("s.yaml", Sweep), "--queue", queue);

        Assert.Equal(2, exit);
        var line = RefusalAfterRetries(Lines(stderr), first: 0);
        Assert.StartsWith("sweep: --queue: ", line);
        Assert.Contains("password authentication failed", line);
        Assert.DoesNotContain(WrongPassword, stdout + stderr);
        Assert.False(File.Exists(folder.ResultsPath), "the results file was created");
    }

    [Fact]
    public void Run_OnAMissingDatabase_ExitsWith2_NamingIt_AndCreatesNoResultsFile()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var queue = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = database.Name + "_missing" }.ConnectionString;

        var (exit, _, stderr) = Finish(folder, [], "run", folder.Write("s.yaml", Sweep), "--queue", queue);

        Assert.Equal(2, exit);
        var line = RefusalAfterRetries(Lines(stderr), first: 0);
        Assert.StartsWith("sweep: --queue: ", line);
        Assert.Contains($"--queue: postgres://postgres@127.0.0.1:5432/{database.Name}_missing: the server has no database", line);
        Assert.DoesNotContain(PostgresDatabase.Password, stderr);
        Assert.False(File.Exists(folder.ResultsPath), "the results file was created");
    }

    [Fact]
    public void Run_WithAMalformedUrl_ExitsWith2_AndCreatesNoResultsFile()
    {
        using var folder = new TempFolder();

        var (exit, _, stderr) = Finish(folder, [], "run", folder.Write("s.yaml", Sweep), "--queue", $"postgres://postgres:{WrongPassword}@/postgres");

        Assert.Equal(2, exit);
        Assert.StartsWith("sweep: --queue: not a valid postgres:// URL", Assert.Single(Lines(stderr)));
        Assert.DoesNotContain(WrongPassword, stderr);
        Assert.False(File.Exists(folder.ResultsPath), "the results file was created");
    }

    [Fact]
    public void Run_OnAClosedPort_SaysSoAtOnce_RetriesForTheConfiguredTime_ThenExitsWith1_AndCreatesNoResultsFile()
    {
        using var folder = new TempFolder();

        var (exit, _, stderr) = Finish(folder, new() { ["SWEEP_QUEUE_CONNECT_WAIT"] = "2" }, "run", folder.Write("s.yaml", Sweep), "--queue", ClosedPort);

        Assert.Equal(1, exit);
        var lines = Lines(stderr);
        Assert.Equal("sweep: queue postgres://postgres@127.0.0.1:1/postgres unreachable (Connection refused); retrying for 2 s (Ctrl-C to stop)", lines[0]);
        Assert.Equal("sweep: --queue: postgres://postgres@127.0.0.1:1/postgres still unreachable after 2 s (Connection refused)", lines[^1]);
        Assert.DoesNotContain(WrongPassword, stderr);
        Assert.False(File.Exists(folder.ResultsPath), "the results file was created");
    }

    [Fact]
    public void Run_WaitingForAClosedPort_EndsOnOneSigint_With130_AndCreatesNoResultsFile()
    {
        using var folder = new TempFolder();
        var start = SweepProcess.StartInfo(folder.Path, ["run", folder.Write("s.yaml", Sweep), "--queue", ClosedPort]);
        start.Environment["SWEEP_QUEUE_CONNECT_WAIT"] = "600";
        using var run = new RunningSweep(start);
        run.WaitForError("retrying for 600 s", Patience);

        run.Interrupt();

        Assert.Equal(RunCommand.Interrupted, run.WaitForExit(Patience));
        Assert.Contains("sweep: interrupted while waiting for the queue", run.Stderr);
        Assert.False(File.Exists(folder.ResultsPath), "the results file was created");
    }

    [Fact]
    public void Worker_WithAWrongPassword_PrintsItsBanner_ThenExitsWith2_ALineNamingQueue_WithoutThePassword()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var queue = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = WrongPassword }.ConnectionString;

        var (exit, stdout, stderr) = Finish(folder, [], "worker", "--queue", queue, "--workers", "1");

        Assert.Equal(2, exit);
        var lines = Lines(stderr);
        Assert.Matches(@"^sweep worker \S+: 1 worker sharing \d+ cores?, connecting to postgres://postgres@127\.0\.0\.1:5432/sweep_test_", lines[0]);
        Assert.StartsWith("sweep: --queue: ", RefusalAfterRetries(lines, first: 1));
        Assert.DoesNotContain(WrongPassword, stdout + stderr);
    }

    [Fact]
    public void Worker_OnAGoodQueue_PrintsItsBannerOnStderr_WithoutThePassword()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        using var worker = new RunningSweep(folder.Path, "worker", "--queue", database.ConnectionString, "--workers", "2");
        worker.WaitForOutput("sweep worker", Patience); // connected and serving

        worker.Interrupt();

        Assert.Equal(0, worker.WaitForExit(Patience));
        Assert.Matches($@"sweep worker \S+: 2 workers sharing \d+ cores?, connecting to postgres://postgres@127\.0\.0\.1:5432/{database.Name}", worker.Stderr);
        Assert.DoesNotContain(PostgresDatabase.Password, worker.Stdout + worker.Stderr);
    }

    [Fact]
    public void Worker_WhoseQueueDatabaseIsDropped_SaysSoOnStderr_WithoutThePassword()
    {
        var database = new PostgresDatabase();
        using var folder = new TempFolder();
        using var worker = new RunningSweep(folder.Path, "worker", "--queue", database.ConnectionString, "--workers", "1");
        worker.WaitForOutput("sweep worker", Patience);

        database.Dispose(); // DROP DATABASE ... WITH (FORCE): the worker's connections are cut and cannot come back

        // Hangfire's loops fail and retry; each failure is a line (the worker itself is ended by Dispose).
        worker.WaitForError($"(3D000: database \"{database.Name}\" does not exist)", Patience);
        Assert.Matches($@"sweep worker \S+: queue problem: .*\(3D000: database ""{database.Name}"" does not exist\)", worker.Stderr);
        Assert.DoesNotContain(PostgresDatabase.Password, worker.Stdout + worker.Stderr);
    }

    private static (int Exit, string Stdout, string Stderr) Finish(TempFolder folder, Dictionary<string, string?> environment, params string[] arguments)
    {
        var start = SweepProcess.StartInfo(folder.Path, arguments);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = new RunningSweep(start);
        var exit = process.WaitForExit(Patience);
        return (exit, process.Stdout, process.Stderr);
    }

    /// <summary>
    /// The last line, the refusal; the lines from <paramref name="first"/> before it may only be retry notices: on a loaded
    /// machine the first connection attempt can time out before the server refuses the login, and that is said and retried.
    /// </summary>
    private static string RefusalAfterRetries(List<string> lines, int first)
    {
        Assert.True(lines.Count > first, $"no refusal on stderr: [{string.Join(" | ", lines)}]");
        Assert.All(lines[first..^1], line => Assert.Contains("unreachable", line));
        return lines[^1];
    }

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
