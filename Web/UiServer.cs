using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sweep.Results;
using Sweep.Results.Storage;
using Sweep.Web.Data;
using Sweep.Web.Hosting;
using Sweep.Web.Pages;

namespace Sweep.Web;

/// <summary>
/// The live results web server of `sweep ui`: pages and JSON of one results file, opened read-only (a running `sweep run`
/// goes on writing it; each request reads what is committed). GET and HEAD only, Host header checked, every value
/// encoded. URLs: / (sweeps), /sweeps/{name}, /trials/{hash}, /api/sweeps, /api/sweeps/{name}, /api/trials/{hash},
/// /assets/…, and /hangfire when a queue is given. Non-goals: writing anything, authentication (it listens on loopback).
/// </summary>
public sealed class UiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ResultsStore store;

    private UiServer(WebApplication app, ResultsStore store, Uri address)
    {
        this.app = app;
        this.store = store;
        Address = address;
    }

    /// <summary>Where it listens, with the real port (when 0 was asked for), ending in "/".</summary>
    public Uri Address { get; }

    /// <summary>
    /// Opens the results file read-only (NotAResultsFileException when it is not a usable one) and starts listening.
    /// </summary>
    public static async Task<UiServer> StartAsync(UiServerOptions options, CancellationToken cancellation = default)
    {
        var store = ResultsStore.OpenReadOnly(options.ResultsPath);
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://{UrlHost(options.Host)}:{options.Port}");
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            if (options.Queue is not null) HangfireDashboardMount.AddServices(builder, options.Queue);
            var app = builder.Build();
            var port = options.Port;
            LoopbackHostOnly.Use(app, () => port, LoopbackHostOnly.IsLoopback(options.Host) ? null : options.Host);
            ReadOnlyMethods.Use(app);
            SecurityHeaders.Use(app);
            UseResultsFileErrors(app);
            if (options.Queue is not null) HangfireDashboardMount.Use(app, options.Queue);
            MapRoutes(app, store, options.Queue is not null);
            await app.StartAsync(cancellation);
            var listening = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            port = listening.Port;
            return new UiServer(app, store, new Uri($"http://{UrlHost(options.Host)}:{port}/"));
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public async Task StopAsync() => await app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        store.Dispose();
    }

    private static string UrlHost(string host) => host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;

    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    private static void MapRoutes(WebApplication app, ResultsStore store, bool hangfire)
    {
        var cache = new PayloadCache(store.Path);
        PageShell Shell(string kind, string title, string? api) => new(kind, title, api, Live: true, Inline: false, hangfire);

        app.MapMethods("/", GetOrHead, () => Html(Shell("index", "sweeps", "/api/sweeps")
            .Render($"Sweeps in {Path.GetFileName(store.Path)}", Pages.Pages.Index, cache.Get("", () => SweepListPayload.Write(store)))));

        app.MapMethods("/sweeps/{name}", GetOrHead, (string name) => store.GetSweep(name) is { } sweep
            // Without its data, which may be megabytes: the page fetches it from the API at once, so it is read once, not twice.
            ? Html(Shell("sweep", $"sweep {sweep.Name}", ApiOfSweep(sweep.Name)).Render(sweep.Name, Pages.Pages.Sweep, dataJson: null))
            : NotFound($"sweep named '{name}'"));

        app.MapMethods("/trials/{hash}", GetOrHead, (string hash) => TrialPayload.Write(store, hash) is { } json
            ? Html(Shell("trial", $"trial {hash}", $"/api/trials/{Uri.EscapeDataString(hash)}").Render($"trial {hash}", Pages.Pages.Trial, json))
            : NotFound($"trial with hash '{hash}'"));

        app.MapMethods("/api/sweeps", GetOrHead, () => Json(cache.Get("", () => SweepListPayload.Write(store))));
        app.MapMethods("/api/sweeps/{name}", GetOrHead, (string name) => store.GetSweep(name) is { } sweep
            ? Json(cache.Get(sweep.Name, () => SweepPayload.Write(store, sweep)))
            : JsonNotFound($"no sweep named '{name}'"));
        app.MapMethods("/api/trials/{hash}", GetOrHead, (string hash) => TrialPayload.Write(store, hash) is { } json
            ? Json(json)
            : JsonNotFound($"no trial with hash '{hash}'"));

        app.MapMethods("/assets/{**path}", GetOrHead, (string path) => Assets.EmbeddedAssets.Read(path) is { } bytes
            ? TypedResults.Bytes(bytes, Assets.EmbeddedAssets.ContentType(path))
            : NotFound($"asset '{path}'"));

        app.MapFallback(() => NotFound("such page"));
    }

    public static string ApiOfSweep(string name) => $"/api/sweeps/{Uri.EscapeDataString(name)}";

    private static IResult Html(string html) => TypedResults.Content(html, "text/html; charset=utf-8");

    private static IResult Json(byte[] json) => TypedResults.Bytes(json, "application/json");

    private static IResult NotFound(string what) =>
        TypedResults.Content(new PageShell("not-found", "not found", null, Live: false, Inline: false, Hangfire: false)
            .Render("Not found", Pages.Pages.NotFound(what), null), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static IResult JsonNotFound(string message) =>
        TypedResults.Content(System.Text.Encoding.UTF8.GetString(CompactJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            json.WriteEndObject();
        })), "application/json", statusCode: StatusCodes.Status404NotFound);

    /// <summary>A results file that cannot be read right now (a lock, an I/O error) is a 503 naming the problem, not a crash.</summary>
    private static void UseResultsFileErrors(WebApplication app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (ResultsFileException error) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"sweep ui: {error.Message}\n");
        }
    });
}
