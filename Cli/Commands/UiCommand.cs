using Hangfire;
using Spectre.Console.Cli;
using Sweep.Coordinator.Running;
using Sweep.Queue;
using Sweep.Trials;
using Sweep.Web;
using Sweep.Web.Hosting;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep ui`: the live results web UI of a results file (read-only) on http://127.0.0.1:PORT/, with the queue's
/// Hangfire Dashboard under /hangfire when a queue is given, until Ctrl-C or SIGTERM (exit 0). Prints one line on
/// stdout once listening: `sweep ui: http://127.0.0.1:PORT/`.
/// </summary>
public sealed class UiCommand : Command<UiSettings>
{
    public override int Execute(CommandContext context, UiSettings settings, CancellationToken cancellation)
    {
        var resultsPath = ResultsLocation.Resolve(settings.Results);
        if (!File.Exists(resultsPath)) throw new UsageException($"{resultsPath}: no results file (run a sweep first, or pass --results PATH)");
        JobStorage? storage = null;
        if (QueueConnection.Resolve(settings.Queue) is { } queue)
        {
            if (QueueReachable.Wait(queue, cancellation) is { } interrupted) return interrupted;
            JobTypeAllowList.Install();
            storage = PostgresQueue.CreateStorage(queue);
        }
        if (!LoopbackHostOnly.IsLoopback(settings.Host))
            Console.Error.WriteLine($"sweep ui: warning: listening on {settings.Host}, not loopback: anyone who reaches this machine on port {settings.Port} can read these results");

        using var interrupt = new InterruptSignal(cancellation, _ => { });
        UiServer server;
        try
        {
            server = UiServer.StartAsync(new UiServerOptions(resultsPath, settings.Host, settings.Port, storage), interrupt.Token).GetAwaiter().GetResult();
        }
        catch (IOException error) when (error is not Sweep.Results.Storage.ResultsFileException)
        {
            Console.Error.WriteLine($"sweep ui: cannot listen on {settings.Host}:{settings.Port}: {error.Message}");
            return ExitCodes.Failure;
        }
        Console.Out.WriteLine($"sweep ui: {server.Address}");
        Console.Out.Flush();
        interrupt.Token.WaitHandle.WaitOne();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return ExitCodes.Ok;
    }
}
