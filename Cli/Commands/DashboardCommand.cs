using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console.Cli;
using Sweep.Queue;
using Sweep.Coordinator.Running;
using Sweep.Web.Hosting;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep dashboard --queue CONN`: the Hangfire Dashboard of the shared queue on http://127.0.0.1:PORT/hangfire,
/// read-only, local requests only, and without the storage connection string on its pages.
/// </summary>
public sealed class DashboardCommand : Command<DashboardSettings>
{
    public override int Execute(CommandContext context, DashboardSettings settings, CancellationToken cancellation)
    {
        var queue = QueueConnection.Require(settings.Queue, "sweep dashboard");
        if (QueueReachable.Wait(queue, cancellation) is { } interrupted) return interrupted;
        JobTypeAllowList.Install();
        var storage = PostgresQueue.CreateStorage(queue);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{settings.Port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        HangfireDashboardMount.AddServices(builder, storage);
        var app = builder.Build();
        LoopbackHostOnly.Use(app, () => settings.Port);
        HangfireDashboardMount.Use(app, storage);
        using var interrupt = new InterruptSignal(cancellation);
        app.StartAsync(interrupt.Token).GetAwaiter().GetResult();
        Console.Out.WriteLine($"sweep dashboard: http://127.0.0.1:{settings.Port}/hangfire (read-only) for {queue.Redacted}");
        interrupt.Token.WaitHandle.WaitOne();
        app.StopAsync().GetAwaiter().GetResult();
        return ExitCodes.Ok;
    }
}
