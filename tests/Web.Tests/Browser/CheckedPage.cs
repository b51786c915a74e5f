using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Sweep.Web.Tests.Browser;

/// <summary>
/// A browser page that holds what it loads to the rules of the pages: every request to a host other than
/// 127.0.0.1 / localhost is aborted and recorded (route interception, plus the context's request and WebSocket events for
/// what routes do not see), and every console error and uncaught page error is recorded. <see cref="AssertClean"/> fails
/// the test listing all of them: <see cref="GotoAsync"/> calls it once the page has loaded, and a test calls it again at
/// its end, after what it clicked. file:, data: and blob: URLs stay on the machine and are allowed (a report opened from
/// file://). Each page has a browser context of its own.
/// </summary>
public sealed class CheckedPage : IAsyncDisposable
{
    private static readonly HashSet<string> LoopbackHosts = new(StringComparer.OrdinalIgnoreCase) { "127.0.0.1", "localhost", "[::1]" };
    private static readonly HashSet<string> LocalSchemes = new(StringComparer.OrdinalIgnoreCase) { "file", "data", "blob", "about" };

    private readonly IBrowserContext context;
    private readonly ConcurrentDictionary<string, bool> foreignRequests = new();
    private readonly ConcurrentQueue<string> consoleErrors = new();
    private readonly ConcurrentQueue<string> pageErrors = new();

    private CheckedPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Requests that would have left the machine (aborted), in the order first seen.</summary>
    public IReadOnlyList<string> ForeignRequests => foreignRequests.Keys.ToList();

    public IReadOnlyList<string> ConsoleErrors => consoleErrors.ToList();

    public IReadOnlyList<string> PageErrors => pageErrors.ToList();

    public static async Task<CheckedPage> OpenAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync();
        var page = new CheckedPage(context, await context.NewPageAsync());
        await context.RouteAsync("**/*", page.RouteAsync);
        context.Request += (_, request) => page.Check(request.Url);
        page.Page.WebSocket += (_, socket) => page.Check(socket.Url);
        page.Page.Console += (_, message) =>
        {
            if (message.Type == "error") page.consoleErrors.Enqueue($"{message.Text} ({message.Location})");
        };
        page.Page.PageError += (_, error) => page.pageErrors.Enqueue(error);
        return page;
    }

    /// <summary>Opens <paramref name="url"/>, asserts it answered 2xx (when it is HTTP), and that loading it broke no rule.</summary>
    public async Task<IResponse?> GotoAsync(string url)
    {
        var response = await Page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        if (response is not null) Assert.True(response.Ok, $"GET {url}: HTTP {response.Status} {response.StatusText}");
        AssertClean();
        return response;
    }

    /// <summary>The value of a JavaScript expression in the page (a count of drawn points, a cell's text).</summary>
    public Task<T> ValueAsync<T>(string expression) => Page.EvaluateAsync<T>(expression);

    /// <summary>
    /// Waits until a JavaScript expression is truthy in the page (a live update arriving). Polled through evaluate, which
    /// the DevTools protocol runs outside the page's Content-Security-Policy: Playwright's WaitForFunction polls with eval,
    /// which `sweep ui`'s CSP (script-src 'self', no 'unsafe-eval') refuses.
    /// </summary>
    public async Task WaitForAsync(string expression, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await ValueAsync<bool>($"!!({expression})"))
        {
            Assert.True(clock.Elapsed < timeout, $"{Page.Url}: not true within {timeout}: {expression}");
            await Task.Delay(100);
        }
    }

    /// <summary>Fails the test if the page requested a foreign host, logged a console error or threw.</summary>
    public void AssertClean()
    {
        var problems = ForeignRequests.Select(url => $"request leaving 127.0.0.1: {url}")
            .Concat(ConsoleErrors.Select(error => $"console error: {error}"))
            .Concat(PageErrors.Select(error => $"page error: {error}"))
            .ToList();
        Assert.True(problems.Count == 0, $"{Page.Url}:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>Whether a URL stays on this machine: a loopback host, or a local scheme.</summary>
    public static bool IsLocal(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (LocalSchemes.Contains(uri.Scheme) || LoopbackHosts.Contains(uri.Host));

    private async Task RouteAsync(IRoute route)
    {
        if (Check(route.Request.Url)) await route.ContinueAsync();
        else await route.AbortAsync("blockedbyclient");
    }

    private bool Check(string url)
    {
        if (IsLocal(url)) return true;
        foreignRequests.TryAdd(url, true);
        return false;
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
