using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Sweep.Web.Hosting;

/// <summary>
/// Refuses (400) a request whose Host header names anything but this machine's loopback on the served port. Listening
/// on 127.0.0.1 is not enough: a web page on another site can point a name it controls at 127.0.0.1 (DNS rebinding),
/// and the browser then sends that name as Host. <see cref="LocalRequestsOnly"/> checks the peer; this checks the name.
/// A server exposed with `--host NAME` also answers NAME (and any name when NAME is a wildcard such as 0.0.0.0: the user
/// chose to expose it, and was warned).
/// </summary>
public static class LoopbackHostOnly
{
    private static readonly string[] LoopbackNames = ["127.0.0.1", "localhost", "[::1]"];

    private static readonly string[] Wildcards = ["0.0.0.0", "[::]", "::", "*", "+"];

    /// <param name="port">The served port, read per request: with port 0 it is known only once the server listens.</param>
    /// <param name="exposedHost">The --host the server listens on, when not loopback.</param>
    public static void Use(IApplicationBuilder app, Func<int> port, string? exposedHost = null) => app.Use(async (context, next) =>
    {
        if (Allows(context.Request.Host, port(), exposedHost))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.Response.WriteAsync("sweep: only http://127.0.0.1, localhost or [::1] on this port is served\n");
    });

    /// <summary>A loopback name with the served port (no port at all only when the served one is 80, HTTP's default).</summary>
    public static bool Allows(HostString host, int port, string? exposedHost = null) =>
        host.HasValue
        && (host.Port ?? 80) == port
        && (LoopbackNames.Contains(host.Host, StringComparer.OrdinalIgnoreCase)
            || (exposedHost is not null && (IsWildcard(exposedHost) || string.Equals(host.Host, exposedHost, StringComparison.OrdinalIgnoreCase))));

    /// <summary>A listen address meaning every interface.</summary>
    public static bool IsWildcard(string host) => Wildcards.Contains(host);

    /// <summary>127.0.0.1, localhost, ::1 or [::1]: a host that only this machine reaches.</summary>
    public static bool IsLoopback(string host) =>
        LoopbackNames.Contains(host, StringComparer.OrdinalIgnoreCase) || host == "::1" || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
}
