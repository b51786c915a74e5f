using System.Diagnostics;
using Microsoft.Playwright;

namespace Sweep.Web.Tests.Browser;

/// <summary>
/// Debian's chromium, headless, driven by Playwright: one browser for every test of <see cref="ChromiumCollection"/>,
/// each test taking a fresh context through <see cref="NewPageAsync"/>. Playwright's driver is the node that ships in its
/// NuGet package (copied beside the tests), so nothing is fetched: the browser is <see cref="ChromiumExecutable"/> and
/// PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD is set for good measure. A missing chromium fails every test with the message
/// of <see cref="ChromiumExecutable.Find()"/>, never skips them: CI installs it.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The executable launched (`chromium` on PATH, else /usr/bin/chromium).</summary>
    public string ExecutablePath { get; private set; } = "";

    /// <summary>How long starting Playwright's driver and launching the browser took (for reports, never asserted).</summary>
    public TimeSpan LaunchTime { get; private set; }

    public IBrowser Browser => browser ?? throw new InvalidOperationException("chromium is not launched");

    /// <summary>The browser's version as it reports it ("156.0.8078.114").</summary>
    public string Version => Browser.Version;

    public async Task InitializeAsync()
    {
        ExecutablePath = ChromiumExecutable.Find();
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var clock = Stopwatch.StartNew();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
        LaunchTime = clock.Elapsed;
    }

    /// <summary>A page in a context of its own (no cookies or storage shared with other tests), watched by <see cref="CheckedPage"/>.</summary>
    public Task<CheckedPage> NewPageAsync() => CheckedPage.OpenAsync(Browser);

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
    }
}
