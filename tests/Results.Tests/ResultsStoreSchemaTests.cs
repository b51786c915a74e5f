using Dapper;
using Sweep.Results.Storage;
using Sweep.Trials;

namespace Sweep.Results.Tests;

public sealed class ResultsStoreSchemaTests : IDisposable
{
    private readonly TempResultsFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public void Open_CreatesTheFileItsFoldersAndTheLatestSchema()
    {
        file.Open().Dispose();

        Assert.True(File.Exists(file.Path));
        using var connection = file.Connect();
        Assert.Equal(Migrations.Latest, connection.ExecuteScalar<int>("SELECT max(version) FROM schema_version"));
        var objects = connection.Query<string>("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").ToHashSet();
        Assert.Superset(new HashSet<string> { "schema_version", "sweeps", "trials", "sweep_trials", "epochs", "trial_results" }, objects);
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public void Open_OfAnExistingFile_AppliesNoMigrationAgainAndKeepsTheData()
    {
        using (var store = file.Open()) store.SyncSweep(Fixtures.Sweep(), Fixtures.Grid(0.1, 0.5));

        using (var again = file.Open()) Assert.Equal(2, again.TrialRows("lr-lambda").Count);

        using var connection = file.Connect();
        Assert.Equal(Migrations.All.Count, connection.ExecuteScalar<int>("SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public void Open_RefusesAFileWithANewerSchema_NamingTheFileAndBothVersions()
    {
        using (file.Open()) { }
        using (var connection = file.Connect())
            connection.Execute("INSERT INTO schema_version (version, description, applied_at) VALUES (@Version, 'from the future', 'now')",
                new { Version = Migrations.Latest + 1 });

        var error = Assert.Throws<SchemaVersionException>(() => file.Open());

        Assert.Contains(file.Path, error.Message);
        Assert.Contains($"version {Migrations.Latest + 1}", error.Message);
        Assert.Contains($"version {Migrations.Latest}", error.Message);
    }

    [Fact]
    public void Migrations_AreNumberedOneByOneFromOne()
    {
        Assert.Equal(Enumerable.Range(1, Migrations.All.Count), Migrations.All.Select(migration => migration.Version));
    }

    [Fact]
    public void Open_OfAVersion3File_AddsStopRequests_KeepsItsSweep_AndTakesAStopRequest()
    {
        // A file as a build of schema version 3 left it: every step up to 3 applied, one sweep in it.
        using (var connection = FileAtVersion(3))
        {
            connection.Execute("""
                INSERT INTO sweeps (name, method, metric, goal, definition_json, created_at, updated_at)
                VALUES ('old', 'grid', 'val_acc', 'maximize', '{}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')
                """);
        }
        var before = DateTime.UtcNow.AddSeconds(-1); // SQLite's clock and ours are the same, to the millisecond

        using var store = file.Open();

        Assert.Equal("old", Assert.Single(store.ListSweeps()).Name);
        Assert.Null(store.StopRequestedAt("old"));
        Assert.True(store.RequestStop("old"));
        Assert.InRange(store.StopRequestedAt("old")!.Value, before, DateTime.UtcNow.AddSeconds(1));
        Assert.False(store.RequestStop("missing"));
        using var after = file.Connect();
        Assert.Equal(Migrations.Latest, after.ExecuteScalar<int>("SELECT max(version) FROM schema_version"));
    }

    [Fact]
    public void Open_OfAVersion4File_RebuildsTrialsForThePrunedStatus_KeepingEveryRowEpochAndLink()
    {
        // A file as schema version 4 left it, with a finished trial, its epochs and its sweep link: the rebuild of trials
        // must keep them all (with foreign keys on, dropping the old table would cascade into epochs).
        using (var connection = FileAtVersion(4))
        {
            connection.Execute("""
                INSERT INTO sweeps (name, method, metric, goal, definition_json, created_at, updated_at)
                VALUES ('old', 'grid', 'val_acc', 'maximize', '{}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
                INSERT INTO trials (hash, config_json, dataset, status, attempt, created_at, val_acc, code)
                VALUES ('h1', '{"lr":0.1}', 'mnist', 'completed', 1, '2026-01-01T00:00:00.000Z', 0.97, 'abc123');
                INSERT INTO sweep_trials (sweep, trial_hash, position) VALUES ('old', 'h1', 0);
                INSERT INTO epochs (trial_hash, epoch, val_acc) VALUES ('h1', 1, 0.95), ('h1', 2, 0.97);
                """);
        }

        using (file.Open()) { }

        using var after = file.Connect();
        Assert.Equal(Migrations.Latest, after.ExecuteScalar<int>("SELECT max(version) FROM schema_version"));
        Assert.Equal(("completed", 0.97, "abc123"), after.QuerySingle<(string, double, string)>("SELECT status, val_acc, code FROM trials WHERE hash = 'h1'"));
        Assert.Equal(2, after.ExecuteScalar<int>("SELECT count(*) FROM epochs WHERE trial_hash = 'h1'"));
        Assert.Equal(1, after.ExecuteScalar<int>("SELECT count(*) FROM sweep_trials WHERE trial_hash = 'h1'"));
        Assert.Equal(1, after.ExecuteScalar<int>("SELECT count(*) FROM trial_results WHERE hash = 'h1'"));
        after.Execute("UPDATE trials SET status = 'pruned' WHERE hash = 'h1'");
        Assert.Empty(after.Query("PRAGMA foreign_key_check"));
        Assert.Equal(0, after.ExecuteScalar<int>("SELECT count(*) FROM decisions"));
    }

    /// <summary>A connection to a file as a build of schema <paramref name="version"/> left it: every step up to it applied.</summary>
    private Microsoft.Data.Sqlite.SqliteConnection FileAtVersion(int version)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file.Path)!);
        var connection = file.Connect();
        connection.Execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
        foreach (var migration in Migrations.All.Where(migration => migration.Version <= version))
        {
            connection.Execute(migration.Sql);
            connection.Execute("INSERT INTO schema_version VALUES (@Version, @Description, '2026-01-01T00:00:00.000Z')", migration);
        }
        return connection;
    }

    /// <summary>The CHECK on trials.status of a new file lists exactly the statuses there are.</summary>
    [Fact]
    public void SchemaCheck_AllowsExactlyTheStatuses()
    {
        using (file.Open()) { }
        using var connection = file.Connect();
        Assert.Contains($"CHECK (status IN {TrialStatuses.AllSql})", connection.ExecuteScalar<string>("SELECT sql FROM sqlite_master WHERE name = 'trials'"));
    }
}
