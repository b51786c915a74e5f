using System.Globalization;
using System.Text.Json.Nodes;
using Hangfire;
using Spectre.Console.Cli;
using Sweep.Engine.Data;
using Sweep.Results;
using Sweep.Results.Reports;
using Sweep.Cli.Output;
using Sweep.Queue;
using Sweep.Coordinator.Running;
using Sweep.Coordinator.Search;
using Sweep.Coordinator.SweepFiles;
using Sweep.Trials;
using Sweep.Cli.Views;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep run FILE [OVERRIDES...]`: validates the sweep file and its overrides before anything runs (bad input
/// exits 2 with every error listed and nothing written), then trains every trial without a result, on the in-process
/// queue or on the PostgreSQL queue shared with `sweep worker` processes (--queue, $SWEEP_QUEUE), and prints the ranked
/// report. `--dry-run` prints the trials instead.
/// </summary>
public sealed class RunCommand : Command<RunSettings>
{
    /// <summary>Exit code of a run stopped by Ctrl-C, SIGTERM or `sweep stop` (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public override int Execute(CommandContext context, RunSettings settings, CancellationToken cancellation)
    {
        var definition = SweepFileLoader.Load(settings.File, settings.Overrides, settings.MaxTrials, settings.Workers);
        var checksum = DataGetOnFirstUse.Identify(definition.Dataset, settings.DataDir, cancellation);
        var name = settings.Name ?? definition.Name;
        var searched = definition.Method == SweepMethod.Bayes;
        // A search's trials are the ones it proposed so far (kept in the results file); a grid or random sweep's are known now.
        var trials = searched ? StoredTrialStatuses.Proposed(ResultsLocation.Resolve(settings.Results), name) : definition.Expand(_ => checksum);
        if (settings.DryRun) return PrintTrials(definition, name, trials, checksum, StoredTrialStatuses.Read(ResultsLocation.Resolve(settings.Results)), settings.RetryFailed);

        var planned = trials.Select(trial => PlannedTrial.Of(trial, checksum))
            .DistinctBy(trial => trial.Hash).ToList();
        var search = searched ? new BayesProposer(definition, checksum) : null;
        var sweep = new SweepRecord(name, Path.GetFullPath(definition.SourceFile), definition.Method.ToString().ToLowerInvariant(),
            definition.Metric.Name, definition.Goal.Name(), definition.ToJson());

        // The queue is checked before the results file is opened: a bad --queue leaves no file and no pending rows.
        var queue = QueueConnection.Resolve(settings.Queue);
        if (queue is not null && QueueReachable.Wait(queue, cancellation) is { } interrupted) return interrupted;
        using var store = ResultsStore.Open(ResultsLocation.Resolve(settings.Results), lease: settings.LeaseLength);
        // Progress and logs go to stderr: stdout carries only the report, in the format asked for.
        var log = Console.Error;
        log.WriteLine(search is null
            ? $"sweep {sweep.Name}: {Plural.Count(planned.Count, "trial")}, results in {store.Path}"
            : $"sweep {sweep.Name}: bayes (TPE), up to {Plural.Count(definition.TrialCount, "trial")} proposed as results arrive" +
              $"{(planned.Count > 0 ? $" ({planned.Count} so far)" : "")}, results in {store.Path}");
        if (search is null && TrialListChange(store, sweep.Name, planned) is { } change) log.WriteLine(change);
        if (queue is not null) log.WriteLine($"queue: {queue.Redacted}{(settings.NoLocalWorkers ? " (no local workers)" : "")}");
        var metric = definition.Metric;
        var board = new EpochProgressBoard();
        using var live = StandardStreams.ErrorTerminal() is { } terminal ? new LiveRunView(terminal, metric, board) : null;
        IRunView view = live is not null ? live : new PlainRunView(log, metric, board);
        using var interrupt = new InterruptSignal(cancellation, view.Notice);
        var runner = new SweepRunner(store, view, pendingTrials => OpenQueue(settings, queue, store, pendingTrials, board, view.Notice));
        var pruning = definition.EarlyTermination is { } rule ? new PruningPlan(sweep.Name, definition.Metric.Name, definition.Goal, rule) : null;
        var snapshot = runner.Run(sweep, planned, settings.RetryFailed, interrupt.Token, search, pruning, definition.KeepModels > 0);
        if (definition.KeepModels > 0)
        {
            var models = FolderCheckpointStore.ModelsBesideResults(store.Path);
            var kept = ModelPruning.Apply(store, sweep, definition.KeepModels, models,
                queue is null ? null : PostgresCheckpointStore.Models(queue.ConnectionString));
            log.WriteLine($"sweep {sweep.Name}: models of the best {Plural.Count(kept, "trial")} kept in {models.Folder} (`sweep export-model {sweep.Name}`)");
        }

        ReportFormats.Write(SweepReport.Build(sweep, store.TrialRows(sweep.Name), ReportOptions.For(sweep)), settings.Format);
        if (interrupt.Token.IsCancellationRequested || snapshot.Stopped)
        {
            // StoppedBy is null when Ctrl-C came first: the run then says it was interrupted, as before.
            log.WriteLine($"sweep: {snapshot.StoppedBy ?? "interrupted"}; {Plural.Count(snapshot.Pending, "trial")} left — run the same command again to resume");
            return Interrupted;
        }
        return snapshot.Failed > 0 ? ExitCodes.Failure : ExitCodes.Ok;
    }

    /// <summary>
    /// A rerun with other overrides makes the sweep exactly the new trial list; the trials it drops keep their results
    /// in the file but leave the sweep's report, so say so (null when the list is new or unchanged).
    /// </summary>
    private static string? TrialListChange(ResultsStore store, string name, IReadOnlyList<PlannedTrial> planned)
    {
        if (store.GetSweep(name) is null) return null;
        var before = store.TrialRows(name).Select(row => row.Hash).ToHashSet(StringComparer.Ordinal);
        var now = planned.Select(trial => trial.Hash).ToHashSet(StringComparer.Ordinal);
        var added = now.Count(hash => !before.Contains(hash));
        var dropped = before.Count(hash => !now.Contains(hash));
        if (added == 0 && dropped == 0) return null;
        var parts = new List<string>();
        if (added > 0) parts.Add($"{Plural.Count(added, "trial")} added");
        if (dropped > 0) parts.Add($"{Plural.Count(dropped, "trial")} no longer in this sweep; their results are kept in the results file " +
            "but leave this sweep's report (use --name NAME to run this variant under another name)");
        return $"sweep {name}: {string.Join(", ", parts)}";
    }

    /// <summary>The embedded queue, or the shared one with (unless --no-local-workers) this process's own workers on it.
    /// Checkpoints and kept models go beside the results file, or into the queue's database where remote workers reach them too.</summary>
    private static ITrialQueue OpenQueue(RunSettings settings, QueueConnection? queue, ResultsStore store, int pendingTrials,
        EpochProgressBoard board, Action<string> notice)
    {
        var workers = LocalWorkers.Count(settings.Workers ?? Environment.ProcessorCount, pendingTrials);
        ICheckpointStore checkpoints = queue is null ? FolderCheckpointStore.BesideResults(store.Path) : new PostgresCheckpointStore(queue.ConnectionString);
        ICheckpointStore models = queue is null ? FolderCheckpointStore.ModelsBesideResults(store.Path) : PostgresCheckpointStore.Models(queue.ConnectionString);
        var runner = new EngineTrialRunner(settings.DataDir, new CoreShares(Environment.ProcessorCount), onProgress: board.Report, checkpoints: checkpoints, notice: notice);
        // --lease: how long a killed run's claims (and, on the shared queue, its fetched jobs) keep other workers away.
        var lease = settings.LeaseLength;
        var renewEvery = TrialClaim.RenewalPeriod(lease);
        if (queue is null)
            return new EmbeddedQueue(workers, () => new TrialJob(store, runner, LocalWorkers.Name, renewEvery, models: models));
        Func<JobStorage, BackgroundJobServer>? localServer = settings.NoLocalWorkers
            ? null
            : storage => QueueServer.Start(storage, workers, () => new TrialJob(new HangfireTrialStore(storage, lease: lease), runner, LocalWorkers.Name, renewEvery, models: models));
        return new RemoteQueue(PostgresQueue.CreateStorage(queue, invisibility: lease), store, localServer);
    }

    /// <param name="stored">Stored status by trial hash: trials that already have a result are marked, as a run would skip them.</param>
    private static int PrintTrials(SweepDefinition definition, string name, IReadOnlyList<TrialConfig> trials, string checksum,
        IReadOnlyDictionary<string, TrialStatus> stored, bool retryFailed)
    {
        var varying = definition.VaryingParameters;
        // A layers spec of fc layers only is stored as hidden (one trial either way): show hidden beside it.
        if (varying.Contains(HyperParameters.Layers.Name) && !varying.Contains(HyperParameters.Hidden.Name)) varying = [.. varying, HyperParameters.Hidden.Name];
        Console.WriteLine($"sweep {name}: {definition.Method.ToString().ToLowerInvariant()} on {definition.Dataset}, "
            + $"metric {definition.Metric} ({definition.Goal.Name()})");
        if (definition.Method == SweepMethod.Bayes)
            Console.WriteLine($"bayes (TPE) proposes up to {Plural.Count(definition.TrialCount, "trial")} as results arrive; " +
                              $"{(trials.Count == 0 ? "none proposed yet" : $"proposed so far:")}");
        var width = trials.Count.ToString(CultureInfo.InvariantCulture).Length;
        var withResult = 0;
        for (var i = 0; i < trials.Count; i++)
        {
            var parameters = trials[i].ToParameters();
            var shown = varying.Select(parameter => $"{parameter}={Show(parameters[parameter])}");
            var hash = trials[i].Hash(checksum);
            var mark = stored.TryGetValue(hash, out var status) && status.IsFinal() && !status.IsRerunnable(retryFailed) ? "  " + status.Name() : "";
            if (mark.Length > 0) withResult++;
            Console.WriteLine($"{(i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width)}  {string.Join(' ', shown)}  {hash[..12]}{mark}");
        }
        if (withResult > 0) Console.WriteLine($"{withResult} of them {(withResult == 1 ? "has" : "have")} a result already (a run trains the others)");
        Console.WriteLine(Plural.Count(trials.Count, "trial"));
        return ExitCodes.Ok;
    }

    /// <summary>Strings bare, random draws to 4 significant digits (the hash tells trials apart), lists as JSON but with bare strings ([conv5x5:16,pool2]).</summary>
    private static string Show(JsonNode? value) => value switch
    {
        JsonValue scalar when scalar.TryGetValue<string>(out var text) => text,
        JsonArray { Count: > 0 } list when list.All(item => item is JsonValue text && text.TryGetValue<string>(out _)) =>
            $"[{string.Join(',', list.Select(item => (string)item!))}]",
        JsonValue scalar when scalar.TryGetValue<double>(out var number) => number.ToString("G4", CultureInfo.InvariantCulture),
        _ => value?.ToJsonString() ?? "",
    };
}
