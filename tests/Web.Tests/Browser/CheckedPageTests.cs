using System.Diagnostics;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Sweep.Web.Tests.Browser;

/// <summary>The harness itself: Debian's chromium is what runs, and a page that breaks a rule fails its test.</summary>
[Collection(ChromiumCollection.Name)]
public class CheckedPageTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task TheBrowser_IsDebiansChromium_Headless()
    {
        using var pages = new TestPages(new Dictionary<string, string> { ["/"] = "<!doctype html><title>t</title><p>hello</p>" });
        var clock = Stopwatch.StartNew();
        await using var page = await chromium.NewPageAsync();
        await page.GotoAsync(pages.BaseUrl);
        var loaded = clock.Elapsed;

        // Playwright's own build of this major version is 156.0.8078.4; Debian's reports its own patch level.
        var installed = VersionOf(chromium.ExecutablePath);
        Assert.Equal(installed, chromium.Version);
        Assert.Contains("HeadlessChrome", await page.ValueAsync<string>("navigator.userAgent"));
        Assert.Equal("hello", await page.ValueAsync<string>("document.querySelector('p').textContent"));
        page.AssertClean();
        output.WriteLine($"chromium {chromium.Version} ({chromium.ExecutablePath}): driver + launch {chromium.LaunchTime.TotalMilliseconds:0} ms, new page + load {loaded.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task ARequestToAnotherHost_IsAbortedAndFailsTheTest_WhileLoopbackRequestsGoThrough()
    {
        using var pages = new TestPages(new Dictionary<string, string>
        {
            ["/"] = """
                <!doctype html><title>t</title>
                <script>
                  window.cdn = 'pending';
                  fetch('/data.txt').then(r => r.text()).then(t => window.local = t);
                  const byName = document.createElement('script');
                  byName.src = 'http://localhost:' + location.port + '/by-name.js';
                  document.head.append(byName);
                </script>
                <script src="https://cdn.example.com/chart.js" onload="window.cdn = 'loaded'" onerror="window.cdn = 'blocked'"></script>
                """,
            ["/data.txt"] = "42",
            ["/by-name.js"] = "window.byName = '42';",
        });
        await using var page = await chromium.NewPageAsync();
        await page.Page.GotoAsync(pages.BaseUrl);
        await page.WaitForAsync("window.local && window.byName && window.cdn !== 'pending'", TimeSpan.FromSeconds(10));

        Assert.Equal("42", await page.ValueAsync<string>("window.local"));
        Assert.Equal("42", await page.ValueAsync<string>("window.byName"));
        Assert.Equal("blocked", await page.ValueAsync<string>("window.cdn"));
        Assert.Equal(["https://cdn.example.com/chart.js"], page.ForeignRequests);
        var failure = Assert.Throws<TrueException>(page.AssertClean);
        Assert.Contains("request leaving 127.0.0.1: https://cdn.example.com/chart.js", failure.Message);
    }

    [Fact]
    public async Task AConsoleErrorAndAnUncaughtError_FailTheTest()
    {
        using var pages = new TestPages(new Dictionary<string, string>
        {
            ["/"] = """
                <!doctype html><title>t</title>
                <script>console.error('chart failed'); setTimeout(() => { window.thrown = true; throw new Error('no such series'); }, 0);</script>
                """,
        });
        await using var page = await chromium.NewPageAsync();
        await page.Page.GotoAsync(pages.BaseUrl);
        await page.WaitForAsync("window.thrown", TimeSpan.FromSeconds(10));
        await Task.Delay(200); // the page error event follows the throw

        Assert.Contains(page.ConsoleErrors, error => error.StartsWith("chart failed", StringComparison.Ordinal));
        Assert.Contains(page.PageErrors, error => error.Contains("no such series", StringComparison.Ordinal));
        Assert.Empty(page.ForeignRequests);
        var failure = Assert.Throws<TrueException>(page.AssertClean);
        Assert.Contains("console error: chart failed", failure.Message);
        Assert.Contains("page error:", failure.Message);
    }

    [Fact]
    public async Task GotoAsync_FailsOnAnErrorStatus()
    {
        using var pages = new TestPages(new Dictionary<string, string>());
        await using var page = await chromium.NewPageAsync();

        var failure = await Assert.ThrowsAsync<TrueException>(() => page.GotoAsync(pages.BaseUrl + "missing"));
        Assert.Contains("HTTP 404", failure.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hangfire", true)]
    [InlineData("http://localhost:8080/sweeps/big", true)]
    [InlineData("ws://[::1]:8080/live", true)]
    [InlineData("file:///tmp/report.html", true)]
    [InlineData("data:image/png;base64,AAAA", true)]
    [InlineData("https://fonts.googleapis.com/css?family=Roboto", false)]
    [InlineData("http://127.0.0.1.nip.io/", false)]
    [InlineData("http://10.0.0.5:8080/", false)]
    public void IsLocal_AllowsOnlyTheLoopbackAndLocalSchemes(string url, bool local) => Assert.Equal(local, CheckedPage.IsLocal(url));

    private static string VersionOf(string executable)
    {
        using var process = Process.Start(new ProcessStartInfo(executable, "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        // "Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)"
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
    }
}
