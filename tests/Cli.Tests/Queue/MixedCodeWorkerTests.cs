using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Queue;

/// <summary>
/// Workers built from other code never mix their results into a sweep: a real coordinator and real worker processes on
/// a real PostgreSQL queue, one worker made to report another code fingerprint through the test hook
/// $SWEEP_FINGERPRINT_OVERRIDE. It refuses the trial and says so, the coordinator reports it, and a worker of the same
/// code then trains the trial, whose stored code is this build's fingerprint.
/// </summary>
public sealed class MixedCodeWorkerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private const string OtherCode = "0123456789ab";

    [Fact]
    public void AWorkerOfOtherCode_RefusesTheTrial_TheCoordinatorReportsIt_AndAWorkerOfTheSameCodeCompletesIt()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var file = folder.Write("code.yaml", """
            name: code
            parameters:
              lr: {value: 0.1}
              hidden: {value: [16]}
              epochs: {value: 1}
            """);
        using var coordinator = new RunningSweep(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers");
        var start = SweepProcess.StartInfo(folder.Path, ["worker", "--queue", database.ConnectionString, "--workers", "1"]);
        start.Environment[CodeFingerprint.OverrideVariable] = OtherCode;
        string otherLog;
        int otherPid;
        using (var other = new RunningSweep(start))
        {
            other.WaitForError("refused trial", Patience);
            coordinator.WaitForError("refused trial", Patience);
            other.Interrupt();
            Assert.Equal(0, other.WaitForExit(Patience));
            (otherLog, otherPid) = (other.Stderr, other.Pid);
        }

        var matching = SweepProcess.RunIn(folder.Path, "worker", "--queue", database.ConnectionString, "--workers", "1", "--count", "1");

        Assert.Matches($@"sweep: \S+:{otherPid} refused trial [0-9a-f]{{10}}: it was queued by code {CodeFingerprint.Current} but this worker runs code {OtherCode}", otherLog);
        Assert.True(matching.ExitCode == 0, matching.ToString());
        Assert.Equal(1, Regex.Count(matching.Stdout, @"\] completed  [0-9a-f]{10}"));
        Assert.Equal(0, coordinator.WaitForExit(Patience));
        Assert.Equal(1, Regex.Count(coordinator.Stderr,
            $@"sweep: worker \S+:{otherPid} refused trial [0-9a-f]{{10}}: it runs code {OtherCode}, this coordinator queued code {CodeFingerprint.Current}"));
        Assert.Equal(("completed", CodeFingerprint.Current), StoredTrial(folder.ResultsPath));
    }

    /// <summary>The one trial's status and code, as a user reads them from trial_results.</summary>
    private static (string Status, string? Code) StoredTrial(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, code FROM trial_results";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var row = (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        Assert.False(reader.Read());
        return row;
    }
}
