using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Engine.Data;
using Sweep.Results;
using Sweep.Scheduler.Benchmarks;
using Sweep.Scheduler.Running;
using Sweep.Scheduler.SweepFiles;
using Sweep.Worker.Trials;

namespace Sweep.Scheduler.Commands;

/// <summary>
/// `sweep bench scheduler`: the cost of scheduling one trial (enqueue → claim → epoch → result in SQLite, with a runner
/// that trains nothing) and a real sweep's wall time against the sum of its trials' training times (parallel efficiency).
/// Everything is written to a temporary results file, deleted afterwards.
/// </summary>
public sealed class BenchSchedulerCommand : Command<BenchSchedulerSettings>
{
    public override int Execute(CommandContext context, BenchSchedulerSettings settings, CancellationToken cancellation)
    {
        var cores = Environment.ProcessorCount;
        var folder = Directory.CreateTempSubdirectory("sweep-bench-").FullName;
        try
        {
            var overhead = new Table().AddColumns("workers", "trials", "wall s", "ms / trial", "trials / s");
            foreach (var workers in new[] { 1, cores })
            {
                using var store = ResultsStore.Open(Path.Combine(folder, $"overhead-{workers}.db"));
                var trials = Enumerable.Range(0, settings.Trials)
                    .Select(i => new TrialConfig { Seed = (ulong)i, Epochs = 1 })
                    .Select(config => new PlannedTrial(config.Hash("bench"), config.ToCanonicalJson(), config.Dataset)).ToList();
                var clock = Stopwatch.StartNew();
                new SweepRunner(store, new SilentRunView(), _ => new EmbeddedQueue(workers, () => new TrialJob(store, new ZeroWorkTrialRunner(), LocalWorkers.Name)))
                    .Run(Record("overhead"), trials, retryFailed: false, cancellation);
                var seconds = clock.Elapsed.TotalSeconds;
                overhead.AddRow(Text(workers), Text(trials.Count), Text(seconds, "F2"), Text(seconds * 1000 / trials.Count, "F2"), Text(trials.Count / seconds, "F0"));
            }
            AnsiConsole.MarkupLine("[bold]Scheduling overhead[/] (zero-work trials: enqueue → claim → one epoch row → result, Hangfire.InMemory + SQLite)");
            AnsiConsole.Write(overhead);

            var file = settings.Sweep ?? Path.Combine(AppContext.BaseDirectory, "..", "..", "sweeps", "lr-lambda.yaml");
            var definition = SweepFileLoader.Load(file, settings.Sweep is null ? ["epochs=1"] : []);
            var checksum = DatasetCatalog.Load(definition.Dataset, settings.DataDir).Checksum;
            var planned = definition.Expand(_ => checksum)
                .Select(trial => new PlannedTrial(trial.Hash(checksum), trial.ToCanonicalJson(), trial.Dataset)).DistinctBy(trial => trial.Hash).ToList();
            var efficiency = new Table().AddColumns("workers", "trials", "wall s", "sum of trial s", "speed-up", "efficiency");
            foreach (var workers in new[] { 1, cores })
            {
                using var store = ResultsStore.Open(Path.Combine(folder, $"real-{workers}.db"));
                var clock = Stopwatch.StartNew();
                var threads = Math.Max(1, cores / workers);
                new SweepRunner(store, new SilentRunView(), _ => new EmbeddedQueue(workers, () => new TrialJob(store, new EngineTrialRunner(settings.DataDir, threads), LocalWorkers.Name)))
                    .Run(Record(definition.Name), planned, retryFailed: false, cancellation);
                var wall = clock.Elapsed.TotalSeconds;
                var sum = store.TrialRows(definition.Name).Sum(row => row.Seconds ?? 0);
                efficiency.AddRow(Text(workers), Text(planned.Count), Text(wall, "F1"), Text(sum, "F1"), Text(sum / wall, "F2") + "×",
                    Text(sum / wall / workers, "P0"));
            }
            AnsiConsole.MarkupLine($"[bold]Parallel efficiency[/] of {Markup.Escape(Path.GetFileName(file))}{(settings.Sweep is null ? " (epochs=1)" : "")} on {cores} cores: sum of trial times / (wall × workers); 1 worker uses {cores} engine threads");
            AnsiConsole.Write(efficiency);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        return ExitCodes.Ok;
    }

    private static SweepRecord Record(string name) => new(name, null, "grid", "val_acc", "maximize", "{}");

    private static string Text(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
