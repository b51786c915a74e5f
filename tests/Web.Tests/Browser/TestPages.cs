using System.Net;
using System.Text;

namespace Sweep.Web.Tests.Browser;

/// <summary>
/// Serves fixed pages (path → content, typed by the path's extension: .js, .txt, else HTML) on the loopback only, as
/// 127.0.0.1 and as localhost: pages that test the harness itself. An unknown path is a 404 with a body, which a browser
/// shows as a page.
/// </summary>
public sealed class TestPages : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly IReadOnlyDictionary<string, string> pages;
    private readonly Task loop;

    public TestPages(IReadOnlyDictionary<string, string> pages)
    {
        this.pages = pages;
        var port = LoopbackPort.Free();
        BaseUrl = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(BaseUrl);
        listener.Prefixes.Add($"http://localhost:{port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    /// <summary>"http://127.0.0.1:PORT/".</summary>
    public string BaseUrl { get; }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; } // stopped
            using var response = context.Response;
            var path = context.Request.Url!.AbsolutePath;
            if (!pages.TryGetValue(path, out var text))
            {
                response.StatusCode = 404;
                text = "<!doctype html><title>404</title><p>no such page</p>";
            }
            response.ContentType = Path.GetExtension(path) switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".txt" => "text/plain; charset=utf-8",
                _ => "text/html; charset=utf-8",
            };
            var bytes = Encoding.UTF8.GetBytes(text);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
