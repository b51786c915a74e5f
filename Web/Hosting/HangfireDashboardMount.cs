using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Sweep.Web.Hosting;

/// <summary>
/// The queue's Hangfire Dashboard under /hangfire, read-only, local requests only, and without the storage connection
/// string on its pages: one mount for `sweep dashboard` and `sweep ui --queue`.
/// </summary>
public static class HangfireDashboardMount
{
    public const string Path = "/hangfire";

    /// <summary>Before Build: the dashboard reads the storage through Hangfire's services.</summary>
    public static void AddServices(WebApplicationBuilder builder, JobStorage storage) =>
        builder.Services.AddHangfire(configuration => configuration.UseStorage(storage));

    public static void Use(WebApplication app, JobStorage storage) =>
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            IsReadOnlyFunc = _ => true,
            DisplayStorageConnectionString = false,
            Authorization = [new LocalRequestsOnly()],
            AppPath = null,
        }, storage);
}
