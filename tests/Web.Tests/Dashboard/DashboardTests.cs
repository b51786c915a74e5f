using System.Net;
using Sweep.Web.Tests.Browser;

namespace Sweep.Web.Tests.Dashboard;

/// <summary>`sweep dashboard --queue CONN`: Hangfire's dashboard on the loopback, over HTTP and in a real browser.</summary>
[Collection(ChromiumCollection.Name)]
public class DashboardTests(Chromium chromium)
{
    [Fact]
    public async Task Dashboard_ServesTheQueueOnLoopback_WithoutTheConnectionString()
    {
        using var dashboard = new ServedDashboard();

        using var http = new HttpClient();
        var response = await http.GetAsync(dashboard.Url);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hangfire", page);
        Assert.DoesNotContain(PostgresDatabase.Password, page);
        Assert.DoesNotContain(PostgresDatabase.Password, dashboard.Process.Stdout + dashboard.Process.Stderr);
        Assert.Contains(dashboard.Url, dashboard.Process.Stdout);
    }

    [Fact]
    public async Task Dashboard_RefusesAForeignHostHeader_AsARebindingPageWouldSend_AndServesLoopbackNames()
    {
        using var dashboard = new ServedDashboard();
        using var http = new HttpClient();

        // The connection goes to 127.0.0.1 either way; only the Host header differs, as after a DNS rebinding.
        async Task<HttpStatusCode> StatusFor(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, dashboard.Url);
            request.Headers.Host = host;
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await StatusFor($"rebind.attacker.example:{dashboard.Port}"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusFor("127.0.0.1:1"));
        Assert.Equal(HttpStatusCode.OK, await StatusFor($"127.0.0.1:{dashboard.Port}"));
        Assert.Equal(HttpStatusCode.OK, await StatusFor($"localhost:{dashboard.Port}"));
    }

    [Fact]
    public async Task Dashboard_LoadsInChromium_WithNoConsoleError_AndNoRequestLeavingTheLoopback()
    {
        using var dashboard = new ServedDashboard();
        await using var page = await chromium.NewPageAsync();

        // The dashboard polls its statistics every 2 s: the first poll shows its scripts run and talk to the loopback.
        var poll = page.Page.WaitForResponseAsync(response => response.Url.EndsWith("/hangfire/stats", StringComparison.Ordinal));
        await page.GotoAsync(dashboard.Url);
        var stats = await poll;

        Assert.Contains("Hangfire", await page.ValueAsync<string>("document.title"));
        Assert.True(await page.ValueAsync<bool>("typeof jQuery === 'function' && typeof Hangfire === 'object'"), "the dashboard's own scripts did not load");
        Assert.True(stats.Ok, $"POST /hangfire/stats: HTTP {stats.Status}");
        Assert.DoesNotContain(PostgresDatabase.Password, await page.Page.ContentAsync());
        page.AssertClean();
    }
}
