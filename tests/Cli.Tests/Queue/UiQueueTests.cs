using System.Net;
using System.Text.RegularExpressions;
using Sweep.Cli.Tests.Commands;

namespace Sweep.Cli.Tests.Queue;

/// <summary>`sweep ui --queue`: the queue's Hangfire Dashboard mounted beside the results pages, read-only, no password anywhere.</summary>
public partial class UiQueueTests
{
    [Fact]
    public async Task UiWithAQueue_MountsTheHangfireDashboard_AndLinksIt_WithoutTheConnectionString()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        StoredSweeps.Add(folder.ResultsPath, "queued", 0.1);
        using var ui = new RunningSweep(folder.Path, "ui", "--port", "0", "--results", folder.ResultsPath, "--queue", database.ConnectionString);
        ui.WaitForOutput("/\n", TimeSpan.FromMinutes(5));
        var address = new Uri(AddressLine().Match(ui.Stdout).Groups[1].Value);
        using var http = new HttpClient();

        var dashboard = await http.GetAsync(new Uri(address, "/hangfire"));
        var dashboardPage = await dashboard.Content.ReadAsStringAsync();
        var sweepsPage = await http.GetStringAsync(address);
        var sweepPage = await http.GetStringAsync(new Uri(address, "/sweeps/queued"));
        ui.Interrupt();

        Assert.Equal(0, ui.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Hangfire", dashboardPage);
        Assert.Contains("href=\"/hangfire\"", sweepsPage);
        Assert.Contains("href=\"/hangfire\"", sweepPage);
        foreach (var text in new[] { dashboardPage, sweepsPage, sweepPage, ui.Stdout, ui.Stderr })
            Assert.DoesNotContain(PostgresDatabase.Password, text);
    }

    [GeneratedRegex(@"^sweep ui: (http://127\.0\.0\.1:\d+/)$", RegexOptions.Multiline)]
    private static partial Regex AddressLine();
}
