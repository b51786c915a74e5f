using Microsoft.Data.Sqlite;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Running;

/// <summary>
/// Another program holds the write lock of results.db (BEGIN EXCLUSIVE on its own connection, as a sqlite3 shell in a
/// transaction would) while a sweep trains. A lock is infrastructure, never a trial's outcome: released within the lock
/// wait, the run waits it out and completes every trial; held past it, the run ends with exit 1 and a line naming the
/// file, nothing is recorded failed, and a plain rerun completes the sweep.
/// </summary>
public sealed class WriteLockRunTests : IDisposable
{
    /// <summary>A guard against a hang only.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private const string TwoTrials = """
        name: locked
        parameters:
          lr: {values: [0.1, 0.2]}
          hidden: {value: [100]}
          epochs: {value: 3}
        """;

    private readonly TempFolder folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    [Fact]
    public void AWriteLockReleasedWithinTheLockWait_IsWaitedOut_AndEveryTrialCompletesOnce()
    {
        var file = folder.Write("locked.yaml", TwoTrials);
        using var run = new RunningSweep(folder.Path, "run", file, "--workers", "1");
        run.WaitForError("epoch 1/3", Patience);

        using (var holder = HoldWriteLock())
        {
            // Past the busy timeout (10 s): the run says it waits, and keeps waiting.
            run.WaitForError("another program holds a write lock; retrying in", Patience);
        }

        Assert.True(run.WaitForExit(Patience) == 0, run.Stdout + run.Stderr);
        Assert.Contains($"sweep: {folder.ResultsPath}: another program holds a write lock; retrying in 1 s", run.Stderr);
        using var store = ResultsStore.Open(folder.ResultsPath);
        var rows = store.TrialRows("locked");
        Assert.All(rows, row => Assert.Equal((TrialStatus.Completed, 1), (row.Status, row.Attempt)));
        Assert.All(rows, row => Assert.Equal([1, 2, 3], store.Epochs(row.Hash).Select(epoch => epoch.Epoch)));
    }

    [Fact]
    public void AWriteLockHeldPastTheLockWait_EndsTheRunWithExit1_RecordsNothingFailed_AndARerunCompletes()
    {
        var file = folder.Write("locked.yaml", TwoTrials);
        var start = SweepProcess.StartInfo(folder.Path, ["run", file, "--workers", "1"]);
        start.Environment[ResultsStore.LockWaitVariable] = "0"; // give up after the busy timeout: no minutes of waiting here
        using (var run = new RunningSweep(start))
        {
            run.WaitForError("epoch 1/3", Patience);
            using var holder = HoldWriteLock();

            Assert.Equal(1, run.WaitForExit(Patience));
            var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), ErrorLine); // progress lines go to stderr too
            Assert.StartsWith($"sweep: {folder.ResultsPath}: another program has held a write lock on it for ", line);
            Assert.EndsWith("close that program (a sqlite3 shell in a transaction?) and run the same command again; stored results are kept", line);
        }
        using (var store = ResultsStore.Open(folder.ResultsPath))
        {
            var rows = store.TrialRows("locked");
            Assert.DoesNotContain(rows, row => row.Status is TrialStatus.Failed or TrialStatus.Diverged);
            Assert.Contains(rows, row => row.Status is TrialStatus.Running or TrialStatus.Interrupted);
        }

        var rerun = SweepProcess.RunIn(folder.Path, "run", file, "--workers", "1");

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        using var after = ResultsStore.Open(folder.ResultsPath);
        Assert.All(after.TrialRows("locked"), row => Assert.Equal(TrialStatus.Completed, row.Status));
        Assert.All(after.TrialRows("locked"), row => Assert.Equal([1, 2, 3], after.Epochs(row.Hash).Select(epoch => epoch.Epoch)));
    }

    /// <summary>A connection of "another program" holding the write lock until disposed (then it rolls back).</summary>
    private SqliteConnection HoldWriteLock()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = folder.ResultsPath, Pooling = false, DefaultTimeout = 60 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 60000; BEGIN EXCLUSIVE";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>The run's error lines, not its progress ("[00:12] epoch …") or header ("sweep NAME: 3 trials…").</summary>
    private static bool ErrorLine(string line) => line.StartsWith("sweep: ", StringComparison.Ordinal);
}
