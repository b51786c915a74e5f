using System.Globalization;
using System.Text.Json.Nodes;
using Hangfire;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Engine.Data;
using Sweep.Results;
using Sweep.Results.Reports;
using Sweep.Scheduler.Queue;
using Sweep.Scheduler.Running;
using Sweep.Worker.Remote;
using Sweep.Scheduler.SweepFiles;
using Sweep.Worker.Trials;

namespace Sweep.Scheduler.Commands;

/// <summary>
/// `sweep run FILE [OVERRIDES...]`: validates the sweep file and its overrides before anything runs (bad input
/// exits 2 with every error listed and nothing written), then trains every trial without a result on the embedded
/// queue and prints the ranked report. `--dry-run` prints the trials instead.
/// </summary>
public sealed class RunCommand : Command<RunSettings>
{
    /// <summary>Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public override int Execute(CommandContext context, RunSettings settings, CancellationToken cancellation)
    {
        var definition = SweepFileLoader.Load(settings.File, settings.Overrides, settings.MaxTrials, settings.Workers);
        var checksum = DataGetOnFirstUse.Identify(definition.Dataset, settings.DataDir, cancellation);
        var trials = definition.Expand(_ => checksum);
        if (settings.DryRun) return PrintTrials(definition, trials, checksum);

        var planned = trials.Select(trial => PlannedTrial.Of(trial, checksum))
            .DistinctBy(trial => trial.Hash).ToList();
        var sweep = new SweepRecord(definition.Name, Path.GetFullPath(definition.SourceFile), definition.Method.ToString().ToLowerInvariant(),
            definition.MetricName, definition.Goal.ToString().ToLowerInvariant(), definition.ToJson());

        using var store = ResultsStore.Open(ResultsLocation.Resolve(settings.Results));
        using var interrupt = new InterruptSignal(cancellation);
        var interactive = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
        using var live = interactive ? new LiveRunView(AnsiConsole.Console) : null;
        IRunView view = live is not null ? live : new PlainRunView(Console.Out);
        Console.Out.WriteLine($"sweep {sweep.Name}: {Plural.Count(planned.Count, "trial")}, results in {store.Path}");
        var queue = QueueConnection.Resolve(settings.Queue);
        if (queue is not null) Console.Out.WriteLine($"queue: {queue.Redacted}{(settings.NoLocalWorkers ? " (no local workers)" : "")}");
        var runner = new SweepRunner(store, view, pendingTrials => OpenQueue(settings, queue, store, pendingTrials));
        var snapshot = runner.Run(sweep, planned, settings.RetryFailed, interrupt.Token);

        ReportFormats.Write(SweepReport.Build(sweep, store.TrialRows(sweep.Name), ReportOptions.For(sweep)), settings.Format);
        if (interrupt.Token.IsCancellationRequested)
        {
            Console.Error.WriteLine($"sweep: interrupted; {Plural.Count(snapshot.Pending, "trial")} left — run the same command again to resume");
            return Interrupted;
        }
        return snapshot.Failed > 0 ? ExitCodes.Failure : ExitCodes.Ok;
    }

    /// <summary>The embedded queue, or the shared one with (unless --no-local-workers) this process's own workers on it.</summary>
    private static ITrialQueue OpenQueue(RunSettings settings, QueueConnection? queue, ResultsStore store, int pendingTrials)
    {
        var (workers, threads) = LocalWorkers.Size(settings.Workers ?? Environment.ProcessorCount, Environment.ProcessorCount, pendingTrials);
        if (queue is null)
            return new EmbeddedQueue(workers, () => new TrialJob(store, new EngineTrialRunner(settings.DataDir, threads), LocalWorkers.Name));
        Func<JobStorage, BackgroundJobServer>? localServer = settings.NoLocalWorkers
            ? null
            : storage => QueueServer.Start(storage, workers,
                () => new TrialJob(new HangfireTrialStore(storage), new EngineTrialRunner(settings.DataDir, threads), LocalWorkers.Name));
        return new RemoteQueue(PostgresQueue.CreateStorage(queue), store, localServer);
    }

    private static int PrintTrials(SweepDefinition definition, IReadOnlyList<TrialConfig> trials, string checksum)
    {
        var varying = definition.VaryingParameters;
        Console.WriteLine($"sweep {definition.Name}: {definition.Method.ToString().ToLowerInvariant()} on {definition.Dataset}, "
            + $"metric {definition.MetricName} ({definition.Goal.ToString().ToLowerInvariant()})");
        var width = trials.Count.ToString(CultureInfo.InvariantCulture).Length;
        for (var i = 0; i < trials.Count; i++)
        {
            var parameters = trials[i].ToParameters();
            var shown = varying.Select(name => $"{name}={Show(parameters[name])}");
            Console.WriteLine($"{(i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width)}  {string.Join(' ', shown)}  {trials[i].Hash(checksum)[..12]}");
        }
        Console.WriteLine(Plural.Count(trials.Count, "trial"));
        return ExitCodes.Ok;
    }

    /// <summary>Strings bare, random draws to 4 significant digits (the hash tells trials apart), lists as JSON.</summary>
    private static string Show(JsonNode? value) => value switch
    {
        JsonValue scalar when scalar.TryGetValue<string>(out var text) => text,
        JsonValue scalar when scalar.TryGetValue<double>(out var number) => number.ToString("G4", CultureInfo.InvariantCulture),
        _ => value?.ToJsonString() ?? "",
    };
}
