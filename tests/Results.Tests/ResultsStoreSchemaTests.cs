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

    /// <summary>The schema's CHECK on trials.status lists exactly the statuses there are.</summary>
    [Fact]
    public void SchemaCheck_AllowsExactlyTheStatuses() =>
        Assert.Contains($"CHECK (status IN {TrialStatuses.AllSql})", Migrations.All[0].Sql);
}
