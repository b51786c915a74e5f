using System.Net;
using Hangfire.Dashboard;

namespace Sweep.Web.Hosting;

/// <summary>The dashboard answers requests from this machine only, even if a proxy ever exposes its port.</summary>
public sealed class LocalRequestsOnly : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        IPAddress.TryParse(context.Request.RemoteIpAddress, out var address) && IPAddress.IsLoopback(address);
}
