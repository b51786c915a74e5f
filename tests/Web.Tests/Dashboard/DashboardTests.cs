using System.Net;
using System.Net.Sockets;

namespace Sweep.Cli.Tests.Queue;

public class DashboardTests
{
    [Fact]
    public async Task Dashboard_ServesTheQueueOnLoopback_WithoutTheConnectionString()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var port = FreePort();
        using var dashboard = Serve(database, folder, port);

        using var http = new HttpClient();
        var response = await http.GetAsync($"http://127.0.0.1:{port}/hangfire");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hangfire", page);
        Assert.DoesNotContain(PostgresDatabase.Password, page);
        Assert.DoesNotContain(PostgresDatabase.Password, dashboard.Stdout + dashboard.Stderr);
        Assert.Contains($"http://127.0.0.1:{port}/hangfire", dashboard.Stdout);
    }

    [Fact]
    public async Task Dashboard_RefusesAForeignHostHeader_AsARebindingPageWouldSend_AndServesLoopbackNames()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var port = FreePort();
        using var dashboard = Serve(database, folder, port);
        using var http = new HttpClient();

        // The connection goes to 127.0.0.1 either way; only the Host header differs, as after a DNS rebinding.
        async Task<HttpStatusCode> StatusFor(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/hangfire");
            request.Headers.Host = host;
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await StatusFor($"rebind.attacker.example:{port}"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusFor("127.0.0.1:1"));
        Assert.Equal(HttpStatusCode.OK, await StatusFor($"127.0.0.1:{port}"));
        Assert.Equal(HttpStatusCode.OK, await StatusFor($"localhost:{port}"));
    }

    /// <summary>`sweep dashboard` on a port of its own, once it says it is serving.</summary>
    private static RunningSweep Serve(PostgresDatabase database, TempFolder folder, int port)
    {
        var dashboard = new RunningSweep(folder.Path, "dashboard", "--queue", database.ConnectionString, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        dashboard.WaitForOutput("sweep dashboard:", TimeSpan.FromMinutes(5));
        return dashboard;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
