using System.Text.Json;

namespace Sweep.Web.Tests.Server;

/// <summary>The real `sweep ui` server, in-process, on a free loopback port over a results file, with a client for it.</summary>
public sealed class RunningUi : IAsyncDisposable
{
    private RunningUi(UiServer server)
    {
        Server = server;
        Client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public UiServer Server { get; }

    public HttpClient Client { get; }

    public static async Task<RunningUi> StartAsync(string resultsPath) =>
        new(await UiServer.StartAsync(new UiServerOptions(resultsPath, Port: 0)));

    public async Task<(int Status, string Body, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await Client.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async Task<JsonElement> JsonAsync(string path)
    {
        var (status, body, _) = await GetAsync(path);
        Assert.True(status == 200, $"GET {path}: {status}\n{body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
