using System.Text.Json;

namespace Sweep.Web.Tests.Server;

/// <summary>Every page and API of `sweep ui` over a real results file: status, content, and the data the charts draw.</summary>
public sealed class UiServerPageTests : UiServerTest
{
    [Fact]
    public async Task SweepsPage_ListsTheSweep_WithCountsProgressBestAndLastActivity()
    {
        var (status, html, response) = await Ui.GetAsync("/");
        var sweeps = await Ui.JsonAsync("/api/sweeps");

        Assert.Equal(200, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"page-data\"", html);
        Assert.Contains("/assets/vendor/echarts-6.1.0/echarts.min.js", html);
        var sweep = Assert.Single(sweeps.EnumerateArray());
        Assert.Equal(UiResultsFile.SweepName, sweep.GetProperty("name").GetString());
        Assert.Equal(3, sweep.GetProperty("counts").GetProperty("completed").GetInt32());
        Assert.Equal(1, sweep.GetProperty("counts").GetProperty("failed").GetInt32());
        Assert.Equal(1, sweep.GetProperty("counts").GetProperty("pruned").GetInt32());
        Assert.Equal(1, sweep.GetProperty("counts").GetProperty("pending").GetInt32());
        Assert.Equal(5, sweep.GetProperty("done").GetInt32());
        Assert.Equal(6, sweep.GetProperty("total").GetInt32());
        Assert.Equal("95.00%", sweep.GetProperty("best").GetString());
        Assert.StartsWith(DateTime.UtcNow.ToString("yyyy-MM-dd"), sweep.GetProperty("lastActivity").GetString());
    }

    [Fact]
    public async Task SweepPage_HasTheChartElements_AndItsApiRanksTheTrialsAsExportModelDoes()
    {
        var (status, html, _) = await Ui.GetAsync($"/sweeps/{UiResultsFile.SweepName}");
        var sweep = await Ui.JsonAsync($"/api/sweeps/{UiResultsFile.SweepName}");

        Assert.Equal(200, status);
        foreach (var id in new[] { "chart-curves", "chart-parallel", "chart-importance", "chart-best-so-far", "trials", "curve-metric", "trial-filter" })
            Assert.Contains($"id=\"{id}\"", html);
        var trials = sweep.GetProperty("trials");
        var hashes = trials.GetProperty("hash").EnumerateArray().Select(hash => hash.GetString()).ToList();
        Assert.Equal(Results.Trials.Select(trial => trial.Hash), hashes);
        // Completed trials ranked best first by val_acc (0.95, 0.91, 0.90); the failed, pruned and pending ones unranked.
        Assert.Equal([3, 1, 2, null, null, null], Ints(trials.GetProperty("rank")));
        Assert.Equal(["completed", "completed", "completed", "failed", "pruned", "pending"],
            trials.GetProperty("status").EnumerateArray().Select(value => value.GetString()));
        Assert.Equal(["lambda", "lr"], sweep.GetProperty("parameters").EnumerateArray().Select(value => value.GetString()));
        Assert.Equal([0.1, 1, 0.1, 1, 0.5, 0.5], trials.GetProperty("params").GetProperty("lr").EnumerateArray().Select(value => value.GetDouble()));
        Assert.Equal(["lambda", "lr"], sweep.GetProperty("gridAxes").EnumerateArray().Select(value => value.GetString()).Order());
        Assert.Equal("95.00%", trials.GetProperty("metricText")[1].GetString());
        Assert.Equal(CodeFingerprint(), trials.GetProperty("code")[0].GetString());
    }

    [Fact]
    public async Task SweepApi_CarriesEveryEpochOfEveryTrial_ForTheCurves()
    {
        var curves = (await Ui.JsonAsync($"/api/sweeps/{UiResultsFile.SweepName}")).GetProperty("curves");

        Assert.Equal([1, 1, 1, 1, 1, null], Ints(curves.GetProperty("first")));
        Assert.Equal([3, 3, 3, 1, 1, 0], curves.GetProperty("val_acc").EnumerateArray().Select(trial => trial.GetArrayLength()));
        Assert.Equal([0.93, 0.94, 0.95], curves.GetProperty("val_acc")[1].EnumerateArray().Select(value => value.GetDouble()));
        Assert.Equal([1.0, 0.5, 0.3333], curves.GetProperty("train_loss")[0].EnumerateArray().Select(value => value.GetDouble()));
    }

    [Fact]
    public async Task SweepApi_SaysHowImportanceIsComputed_AndItsSharesSumToOne()
    {
        var importance = (await Ui.JsonAsync($"/api/sweeps/{UiResultsFile.SweepName}")).GetProperty("importance");

        Assert.Contains("spread of marginal means", importance.GetProperty("method").GetString());
        Assert.Equal(1.0, importance.GetProperty("shares").EnumerateArray().Sum(share => share.GetDouble()), 3);
        // lr moves val_acc more (0.90 → 0.95 at lambda 0) than lambda does (0.90 → 0.91 at lr 0.1).
        Assert.Equal("lr", importance.GetProperty("parameters")[0].GetString());
    }

    [Fact]
    public async Task TrialPage_ShowsConfigurationCurvesTimingAndPruningDecisions()
    {
        var pruned = Results.Trials[4].Hash;

        var (status, html, _) = await Ui.GetAsync($"/trials/{pruned}");
        var trial = await Ui.JsonAsync($"/api/trials/{pruned}");

        Assert.Equal(200, status);
        Assert.Contains("id=\"chart-trial-curves\"", html);
        Assert.Equal("pruned", trial.GetProperty("status").GetString());
        Assert.Equal("0.5", trial.GetProperty("config").GetProperty("lr").GetString());
        Assert.Equal([UiResultsFile.SweepName], trial.GetProperty("sweeps").EnumerateArray().Select(value => value.GetString()));
        Assert.Equal([1], Ints(trial.GetProperty("curves").GetProperty("epoch")).Cast<int>());
        Assert.False(string.IsNullOrEmpty(trial.GetProperty("startedAt").GetString()));
        var decision = Assert.Single(trial.GetProperty("decisions").EnumerateArray());
        Assert.Equal("prune", decision.GetProperty("decision").GetString());
        Assert.Equal("85.00%", decision.GetProperty("threshold").GetString());
    }

    [Theory]
    [InlineData("/sweeps/no-such-sweep")]
    [InlineData("/trials/0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("/no/such/page")]
    [InlineData("/assets/no-such.js")]
    public async Task UnknownThings_Are404Pages(string path)
    {
        var (status, html, response) = await Ui.GetAsync(path);

        Assert.Equal(404, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"not-found\"", html);
    }

    [Theory]
    [InlineData("/api/sweeps/no-such-sweep")]
    [InlineData("/api/trials/abc")]
    public async Task UnknownThings_Are404Json(string path)
    {
        var (status, body, _) = await Ui.GetAsync(path);

        Assert.Equal(404, status);
        Assert.StartsWith("no ", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Assets_AreServedFromThisServer_EChartsWithItsLicenceBeside()
    {
        var (status, script, response) = await Ui.GetAsync("/assets/vendor/echarts-6.1.0/echarts.min.js");

        Assert.Equal(200, status);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("echarts", script);
        Assert.True(File.Exists(Path.Combine(Repository.Root, "Web", "Assets", "vendor", "echarts-6.1.0", "LICENSE")));
    }

    private static List<int?> Ints(JsonElement array) =>
        array.EnumerateArray().Select(value => value.ValueKind == JsonValueKind.Null ? (int?)null : value.GetInt32()).ToList();

    private static string CodeFingerprint() => Sweep.Trials.CodeFingerprint.Current;
}
