using System.Globalization;

namespace Sweep.Web.Tests.Dashboard;

/// <summary>`sweep dashboard` over a fresh PostgreSQL database, on a free loopback port, once it says it is serving; all gone afterwards.</summary>
public sealed class ServedDashboard : IDisposable
{
    private readonly PostgresDatabase database = new();
    private readonly TempFolder folder = new();

    public ServedDashboard()
    {
        Port = LoopbackPort.Free();
        Process = new RunningSweep(folder.Path, "dashboard", "--queue", database.ConnectionString, "--port", Port.ToString(CultureInfo.InvariantCulture));
        try { Process.WaitForOutput("sweep dashboard:", TimeSpan.FromMinutes(5)); }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Port { get; }

    public RunningSweep Process { get; }

    /// <summary>"http://127.0.0.1:PORT/hangfire".</summary>
    public string Url => $"http://127.0.0.1:{Port}/hangfire";

    public void Dispose()
    {
        Process.Dispose();
        folder.Dispose();
        database.Dispose();
    }
}
