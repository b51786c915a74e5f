using Microsoft.Data.Sqlite;
using Sweep.Results;

namespace Sweep.Cli.Tests.Running;

/// <summary>
/// Every command that takes --results, given a path it cannot use, prints one line naming the path and what is wrong,
/// writes nothing, and exits 2 when the path is not a results file (bad input) or 1 when the file cannot be read or
/// written (permissions, a read-only folder). Real ./sweep processes on real files.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes; the suite runs on Linux
public sealed class ResultsFileErrorTests
{
    private const string TinySweep = "name: tiny\nparameters:\n  lr: {value: 0.5}\n  hidden: {value: []}\n  epochs: {value: 1}\n";

    /// <summary>status, report, run and run --dry-run, each with --results.</summary>
    public static readonly string[] Commands = ["status", "report", "run", "dry-run"];

    /// <summary>Paths that are not results files, with words the one line must hold.</summary>
    public static readonly (string Case, string Expected)[] NotResultsFiles =
    [
        ("text file", "is not a results file: it does not start like an SQLite database (it starts with \"hello, this is n"),
        ("folder", "is a folder, not a results file"),
        ("another program's SQLite database", "is an SQLite database but not a results file (its tables: customers, orders)"),
        ("results file of a newer sweep", "results schema version 99 is newer than this build's version"),
    ];

    /// <summary>Results files this process may not read or write, with words the one line must hold.</summary>
    public static readonly (string Case, string Expected)[] InaccessibleFiles =
    [
        ("unreadable file", "cannot be read (permission denied)"),
        ("read-only file", "is read-only"),
        ("file in a read-only folder", "is read-only"),
        ("new file in a read-only folder", "is read-only"),
    ];

    public static TheoryData<string, string> NotResultsFileCases => Cross(NotResultsFiles);

    public static TheoryData<string, string> InaccessibleFileCases => Cross(InaccessibleFiles);

    [Theory]
    [MemberData(nameof(NotResultsFileCases))]
    public void APathThatIsNotAResultsFile_IsRefusedWithOneLineNamingIt_Exit2_AndNothingWritten(string command, string kind)
    {
        using var folder = new TempFolder();
        var path = Prepare(folder, kind);
        var before = Snapshot(folder.Path);

        var result = SweepProcess.RunIn(folder.Path, Arguments(folder, command, path));

        AssertRefused(result, command, path, NotResultsFiles.Single(entry => entry.Case == kind).Expected, expectedExit: 2);
        Assert.Equal(before, Snapshot(folder.Path));
    }

    [PermissionsTheory]
    [MemberData(nameof(InaccessibleFileCases))]
    public void AResultsFileThatCannotBeReadOrWritten_FailsWithOneLineNamingIt_Exit1(string command, string kind)
    {
        using var folder = new TempFolder();
        var path = Prepare(folder, kind);
        // SQLite may leave an empty -wal and -shm beside a file it could open only for reading; the file itself is kept.
        var before = Snapshot(folder.Path, exceptSqliteSideFiles: true);
        try
        {
            var result = Run(folder.Path, Arguments(folder, command, path));

            AssertRefused(result, command, path, InaccessibleFiles.Single(entry => entry.Case == kind).Expected, expectedExit: 1);
            Assert.Equal(before, Snapshot(folder.Path, exceptSqliteSideFiles: true));
        }
        finally
        {
            File.SetUnixFileMode(Path.GetDirectoryName(path)!, (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }

    [Theory]
    [InlineData("status")]
    [InlineData("report")]
    [InlineData("run")]
    [InlineData("dry-run")]
    public void AFifoGivenAsTheResultsFile_IsRefusedAtOnce_InsteadOfWaitingForAWriter(string command)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "results.db");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path])) mkfifo.WaitForExit();

        var result = SweepProcess.RunIn(folder.Path, Arguments(folder, command, path));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"sweep: {path}: is a FIFO (named pipe), not a results file; pass the path of a results.db (new or from a sweep)",
            Assert.Single(result.StderrLines));
    }

    /// <summary>
    /// A dry run lists trials without writing: whether or not it reads the results file, it never changes it, and if it
    /// reads it, a bad one gets the same one line as any other command.
    /// </summary>
    private static void AssertRefused(SweepResult result, string command, string path, string expected, int expectedExit)
    {
        if (command == "dry-run" && result.ExitCode == 0) return;
        Assert.True(result.ExitCode == expectedExit, result.ToString());
        // One error line; `run` may first have said what it runs ("sweep tiny: 1 trial, results in …") on stderr.
        var line = Assert.Single(result.StderrLines, candidate => candidate.StartsWith("sweep: ", StringComparison.Ordinal));
        Assert.All(result.StderrLines.Where(other => other != line), other => Assert.StartsWith("sweep tiny: ", other));
        Assert.StartsWith($"sweep: {path}: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("Exception", line);
        Assert.DoesNotContain("SQLite Error", line);
    }

    private static string[] Arguments(TempFolder folder, string command, string path) => command switch
    {
        "run" => ["run", folder.Write("tiny.yaml", TinySweep), "--results", path],
        "dry-run" => ["run", folder.Write("tiny.yaml", TinySweep), "--dry-run", "--results", path],
        _ => [command, "--results", path],
    };

    /// <summary>Makes the bad path of <paramref name="kind"/> in the folder and returns it.</summary>
    private static string Prepare(TempFolder folder, string kind)
    {
        var path = Path.Combine(folder.Path, "data", "results.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        switch (kind)
        {
            case "text file":
                File.WriteAllText(path, "hello, this is not a database\n");
                break;
            case "folder":
                Directory.CreateDirectory(path);
                break;
            case "another program's SQLite database":
                Execute(path, "CREATE TABLE customers (id INTEGER); CREATE TABLE orders (id INTEGER)");
                break;
            case "results file of a newer sweep":
                CreateResultsFile(path);
                Execute(path, "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'from the future', 'now')");
                break;
            case "unreadable file":
                CreateResultsFile(path);
                File.SetUnixFileMode(path, UnixFileMode.None);
                break;
            case "read-only file":
                CreateResultsFile(path);
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                break;
            case "file in a read-only folder":
                CreateResultsFile(path);
                MakeReadOnly(Path.GetDirectoryName(path)!);
                break;
            case "new file in a read-only folder":
                MakeReadOnly(Path.GetDirectoryName(path)!);
                break;
            default:
                throw new ArgumentException(kind);
        }
        return path;
    }

    private static void CreateResultsFile(string path)
    {
        using (ResultsStore.Open(path)) { }
        SqliteConnection.ClearAllPools(); // the last connection closing folds the -wal into the file and removes it
    }

    private static void MakeReadOnly(string folder) =>
        File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("555", 8));

    private static void Execute(string path, string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Every file under the folder with its bytes: a refused path leaves them all as they were.</summary>
    private static Dictionary<string, string> Snapshot(string folder, bool exceptSqliteSideFiles = false) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(file => !file.EndsWith(".yaml", StringComparison.Ordinal))
            .Where(file => !exceptSqliteSideFiles || !(file.EndsWith("-wal", StringComparison.Ordinal) || file.EndsWith("-shm", StringComparison.Ordinal)))
            .ToDictionary(file => file, file => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))));

    /// <summary>./sweep obeying file permissions even though the tests run as root.</summary>
    private static SweepResult Run(string workingDirectory, string[] arguments) =>
        SweepProcess.Run(FilePermissions.Enforced(SweepProcess.StartInfo(workingDirectory, arguments)));

    private static TheoryData<string, string> Cross((string Case, string Expected)[] cases)
    {
        var data = new TheoryData<string, string>();
        foreach (var command in Commands)
        foreach (var (kind, _) in cases)
        {
            // status and report refuse a missing file before looking at its folder ("no results file"), and read a
            // read-only file as well as any other: only a run must write.
            if (kind is "new file in a read-only folder" or "read-only file" && command is "status" or "report") continue;
            data.Add(command, kind);
        }
        return data;
    }
}
