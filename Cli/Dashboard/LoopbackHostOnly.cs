using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Sweep.Cli.Dashboard;

/// <summary>
/// Refuses (400) a request whose Host header names anything but this machine's loopback on the served port. Listening
/// on 127.0.0.1 is not enough: a web page on another site can point a name it controls at 127.0.0.1 (DNS rebinding),
/// and the browser then sends that name as Host. <see cref="LocalRequestsOnly"/> checks the peer; this checks the name.
/// </summary>
public static class LoopbackHostOnly
{
    private static readonly string[] LoopbackNames = ["127.0.0.1", "localhost", "[::1]"];

    public static void Use(IApplicationBuilder app, int port) => app.Use(async (context, next) =>
    {
        if (Allows(context.Request.Host, port))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.Response.WriteAsync("sweep dashboard: only http://127.0.0.1, localhost or [::1] on this port is served\n");
    });

    /// <summary>A loopback name with the served port (no port at all only when the served one is 80, HTTP's default).</summary>
    public static bool Allows(HostString host, int port) =>
        host.HasValue
        && LoopbackNames.Contains(host.Host, StringComparer.OrdinalIgnoreCase)
        && (host.Port ?? 80) == port;
}
