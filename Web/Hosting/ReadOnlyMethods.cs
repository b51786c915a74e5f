using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Sweep.Web.Hosting;

/// <summary>
/// GET and HEAD only (405 with Allow otherwise): the UI shows results and changes nothing. The Hangfire Dashboard under
/// /hangfire is left to itself: it polls its statistics with POST, and is mounted read-only.
/// </summary>
public static class ReadOnlyMethods
{
    public static void Use(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || context.Request.Path.StartsWithSegments(HangfireDashboardMount.Path))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET, HEAD";
        await context.Response.WriteAsync("sweep ui: read-only, GET and HEAD only\n");
    });
}
