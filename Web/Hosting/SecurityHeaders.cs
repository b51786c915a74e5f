using Microsoft.AspNetCore.Builder;

namespace Sweep.Web.Hosting;

/// <summary>
/// Pages load scripts, styles and data from this server only (the browser itself refuses anything else, so no value a
/// trial stored can make it fetch or run code from elsewhere), are not framed, and are not content-sniffed.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void Use(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Hangfire's dashboard runs inline scripts of its own: it keeps its own headers.
        if (!context.Request.Path.StartsWithSegments(HangfireDashboardMount.Path))
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        await next(context);
    });
}
