using Sweep.Engine.Training;
using Sweep.Web.Tests.Server;

namespace Sweep.Web.Tests.Browser;

/// <summary>
/// The pages of `sweep ui` and the HTML report in chromium: every page loads with no console error and no request off
/// 127.0.0.1 (<see cref="CheckedPage"/>), each chart draws the series and points the results file holds, a trial that
/// finishes while the page is open shows up without a reload, and a script tag in an error stays text.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class UiPagesBrowserTests(Chromium chromium) : UiServerTest
{
    private static readonly TimeSpan Drawn = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SweepPage_DrawsEveryChart_WithTheSeriesAndPointsOfTheFile()
    {
        await using var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(Ui.Server.Address, $"/sweeps/{UiResultsFile.SweepName}").ToString());
        await page.WaitForAsync("window.sweepCharts['chart-best-so-far'] && document.getElementById('trials-table')", Drawn);

        // One curve per trial, with its stored epochs (the pending trial has none).
        Assert.Equal(6, await Count("chart-curves", "series.length"));
        var pointsPerCurve = await page.ValueAsync<int[]>("window.sweepCharts['chart-curves'].getOption().series.map(s => s.data.length)");
        Assert.Equal([3, 3, 3, 1, 1, 0], pointsPerCurve);
        // Trials with the metric: three completed and the pruned one (its value at the rung).
        Assert.Equal(4, await Count("chart-parallel", "series[0].data.length"));
        Assert.Equal(3, await Count("chart-parallel", "parallelAxis.length"));
        Assert.Equal(2, await Count("chart-importance", "series[0].data.length"));
        Assert.Equal(4, await Count("chart-vs-lr", "series[0].data.length"));
        Assert.Equal(4, await Count("chart-vs-lambda", "series[0].data.length"));
        // lr × lambda cells with a completed trial: (0.1, 0), (1, 0), (0.1, 0.001).
        Assert.Equal(3, await Count("chart-heatmap", "series[0].data.length"));
        Assert.Equal(2, await Count("chart-best-so-far", "series.length"));
        Assert.Equal(5, await Count("chart-best-so-far", "series[0].data.length")); // five trials ended, the first completed one opens it
        Assert.Equal(0, await page.ValueAsync<int>("document.querySelectorAll('#chart-seeds').length")); // one seed: no seed chart
        Assert.Equal(6, await page.ValueAsync<int>("document.querySelectorAll('#trials-table tbody tr').length"));
        page.AssertClean();

        Task<int> Count(string chart, string path) => page.ValueAsync<int>($"window.sweepCharts['{chart}'].getOption().{path}");
    }

    [Fact]
    public async Task SweepPage_TrialTable_SortsAndFilters()
    {
        await using var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(Ui.Server.Address, $"/sweeps/{UiResultsFile.SweepName}").ToString());
        await page.WaitForAsync("document.getElementById('trials-table')", Drawn);

        var ranked = await page.ValueAsync<string[]>("[...document.querySelectorAll('#trials-table tbody tr')].map(r => r.cells[0].textContent)");
        await page.Page.ClickAsync("#trials-table th[data-key='metric']");
        await page.Page.ClickAsync("#trials-table th[data-key='metric']");
        var byMetricDescending = await page.ValueAsync<string[]>("[...document.querySelectorAll('#trials-table tbody tr')].map(r => r.cells[5].textContent)");
        await page.Page.SelectOptionAsync("#status-filter", "failed");
        var failedRows = await page.ValueAsync<int>("document.querySelectorAll('#trials-table tbody tr').length");

        Assert.Equal(["1", "2", "3", "-", "-", "-"], ranked.ToList());
        Assert.Equal(["95.00%", "91.00%", "90.00%", "50.00%", "-", "-"], byMetricDescending.ToList());
        Assert.Equal(1, failedRows);
        page.AssertClean();
    }

    [Fact]
    public async Task ATrialFinishingWhileThePageIsOpen_AppearsWithoutAReload()
    {
        await using var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(Ui.Server.Address, $"/sweeps/{UiResultsFile.SweepName}").ToString());
        await page.WaitForAsync("window.sweepCharts['chart-curves']", Drawn);
        await page.ValueAsync<int>("window.pageMarker = 7");

        using (var writer = Results.OpenWriter()) UiResultsFile.Complete(writer, Results.Trials[5], 0.97);
        await page.WaitForAsync("window.sweepCharts['chart-curves'].getOption().series[5].data.length === 3 && document.getElementById('best').textContent === '97.00%'", Drawn);

        Assert.Equal(7, await page.ValueAsync<int>("window.pageMarker")); // the same page: no reload
        Assert.Equal("6/6 done", await page.ValueAsync<string>("document.getElementById('progress').textContent"));
        page.AssertClean();
    }

    [Fact]
    public async Task TrialPage_ShowsTheScriptInAnError_AsText()
    {
        await using var page = await chromium.NewPageAsync();
        await page.Page.AddInitScriptAsync("window.alerted = false; window.alert = () => { window.alerted = true; };");
        await page.GotoAsync(new Uri(Ui.Server.Address, $"/trials/{Results.Trials[3].Hash}").ToString());
        await page.WaitForAsync("document.getElementById('error-text') && window.sweepCharts['chart-trial-curves']", Drawn);

        Assert.Equal(UiResultsFile.ScriptError, await page.ValueAsync<string>("document.getElementById('error-text').textContent"));
        Assert.Equal(0, await page.ValueAsync<int>("document.querySelectorAll('#error script, main script').length"));
        Assert.False(await page.ValueAsync<bool>("window.alerted"));
        Assert.Equal(3, await page.ValueAsync<int>("window.sweepCharts['chart-trial-curves'].getOption().series.length"));
        page.AssertClean();
    }

    [Fact]
    public async Task SweepsPage_ListsTheSweep_WithItsProgress()
    {
        await using var page = await chromium.NewPageAsync();
        await page.GotoAsync(Ui.Server.Address.ToString());
        await page.WaitForAsync("document.querySelector('#sweeps-table td.progress')", Drawn);

        Assert.Equal("5/6", await page.ValueAsync<string>("document.querySelector('#sweeps-table td.progress').textContent"));
        Assert.Equal("95.00%", await page.ValueAsync<string>("document.querySelector('#sweeps-table td.best').textContent"));
        page.AssertClean();
    }

    [Fact]
    public async Task TheHtmlReport_OpenedFromFile_DrawsItsCharts_WithNoNetwork()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "report.html");
        using (var store = Sweep.Results.ResultsStore.OpenReadOnly(Results.Path))
            await File.WriteAllBytesAsync(path, HtmlReport.Render(store, store.GetSweep(UiResultsFile.SweepName)!));
        await using var page = await chromium.NewPageAsync();

        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForAsync("window.sweepCharts['chart-best-so-far'] && document.getElementById('trials-table')", Drawn);

        Assert.Equal(6, await page.ValueAsync<int>("window.sweepCharts['chart-curves'].getOption().series.length"));
        Assert.Equal(3, await page.ValueAsync<int>("window.sweepCharts['chart-heatmap'].getOption().series[0].data.length"));
        page.AssertClean();
    }
}
