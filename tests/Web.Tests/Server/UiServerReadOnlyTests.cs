using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Sweep.Engine.Training;
using Sweep.Results.Storage;

namespace Sweep.Web.Tests.Server;

/// <summary>`sweep ui` reads the results file without changing it, serves it live while a run writes it, and refuses files it cannot read.</summary>
public sealed class UiServerReadOnlyTests
{
    private static readonly string[] EveryPage = ["/", "/api/sweeps", $"/sweeps/{UiResultsFile.SweepName}", $"/api/sweeps/{UiResultsFile.SweepName}"];

    [Fact]
    public async Task Browsing_LeavesTheResultsFileBytesAndTimeUnchanged()
    {
        using var results = new UiResultsFile();
        SqliteConnection.ClearAllPools(); // the writer's connections closed: its WAL is checkpointed into the file
        var before = (Hash: SHA256.HashData(File.ReadAllBytes(results.Path)), Time: File.GetLastWriteTimeUtc(results.Path));

        await using (var ui = await RunningUi.StartAsync(results.Path))
        {
            foreach (var path in EveryPage.Concat(results.Trials.Select(trial => $"/trials/{trial.Hash}")).Concat(results.Trials.Select(trial => $"/api/trials/{trial.Hash}")))
                Assert.Equal(200, (await ui.GetAsync(path)).Status);
        }
        SqliteConnection.ClearAllPools();

        Assert.Equal(Convert.ToHexString(before.Hash), Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(results.Path))));
        Assert.Equal(before.Time, File.GetLastWriteTimeUtc(results.Path));
    }

    [Fact]
    public async Task AFileThatARunIsWriting_IsServedLive_EpochByEpoch()
    {
        using var results = new UiResultsFile();
        await using var ui = await RunningUi.StartAsync(results.Path);
        using var writer = results.OpenWriter();
        var pending = results.Trials[5].Hash;
        var claim = writer.TryClaim(pending, "worker-live")!;

        var running = await ui.JsonAsync($"/api/trials/{pending}");
        writer.RecordEpoch(claim, new EpochMetrics(1, 0.5, 0.4, 0.88, 1.0));
        var afterOne = await ui.JsonAsync($"/api/sweeps/{UiResultsFile.SweepName}");
        writer.RecordEpoch(claim, new EpochMetrics(2, 0.4, 0.3, 0.97, 1.0));
        writer.RecordOutcome(claim, Fixtures.Completed(0.97, epochs: 2));
        var afterAll = await ui.JsonAsync($"/api/sweeps/{UiResultsFile.SweepName}");

        Assert.Equal("running", running.GetProperty("status").GetString());
        Assert.Equal("worker-live", running.GetProperty("worker").GetString());
        Assert.Equal(1, afterOne.GetProperty("curves").GetProperty("val_acc")[5].GetArrayLength());
        Assert.Equal(1, afterOne.GetProperty("counts").GetProperty("running").GetInt32());
        Assert.Equal(2, afterAll.GetProperty("curves").GetProperty("val_acc")[5].GetArrayLength());
        Assert.Equal("97.00%", afterAll.GetProperty("best").GetString());
        Assert.Equal(1, afterAll.GetProperty("trials").GetProperty("rank")[5].GetInt32());
    }

    [Fact]
    public async Task AFileOfAnOlderSchema_IsRefused_SayingHowToUpgradeIt()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "old.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            var sql = "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);"
                + string.Concat(Migrations.All.Take(4).Select(migration => $"{migration.Sql};INSERT INTO schema_version VALUES ({migration.Version}, 'step', 'then');"));
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        var before = File.ReadAllBytes(path);

        var error = await Assert.ThrowsAsync<NotAResultsFileException>(() => UiServer.StartAsync(new UiServerOptions(path, Port: 0)));

        Assert.Contains("schema version 4, older than this build's version", error.Message);
        Assert.Contains("sweep status --results", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task AFileThatIsNotAResultsFile_IsRefused()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "notes.db");
        File.WriteAllText(path, "not a database");

        await Assert.ThrowsAsync<NotAResultsFileException>(() => UiServer.StartAsync(new UiServerOptions(path, Port: 0)));
    }
}
