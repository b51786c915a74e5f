using System.Net;
using System.Net.Sockets;

namespace Sweep.Testing;

/// <summary>A TCP port free on 127.0.0.1 right now, for a server a test starts (`sweep dashboard`, `sweep ui`, a test page).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
