using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Engine.Data;
using Sweep.Results;
using Sweep.Cli.Benchmarks;
using Sweep.Queue;
using Sweep.Coordinator.Running;
using Sweep.Coordinator.SweepFiles;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep bench scheduler [--queue CONN]`: the cost of scheduling one trial (enqueue → claim → epoch → result in SQLite,
/// with a runner that trains nothing) on the embedded queue and on PostgreSQL, and a real sweep's wall time against the
/// sum of its trials' training times: in-process workers, and with --queue 1 vs 2 `sweep worker` processes.
/// With --worker-processes N it instead drains --trials zero-work trials through N `sweep worker` processes (see
/// <see cref="ZeroWorkDrain"/>) and exits 1 unless every trial ran exactly once.
/// Results go to a temporary folder; trials get fresh seeds each time, so a queue's stored results are never reused.
/// </summary>
public sealed class BenchSchedulerCommand : Command<BenchSchedulerSettings>
{
    public override int Execute(CommandContext context, BenchSchedulerSettings settings, CancellationToken cancellation)
    {
        var cores = Environment.ProcessorCount;
        var queue = settings.WorkerProcesses is null ? QueueConnection.Resolve(settings.Queue) : QueueConnection.Require(settings.Queue, "sweep bench scheduler --worker-processes");
        var storage = queue is null ? null : PostgresQueue.CreateStorage(queue);
        var folder = Directory.CreateTempSubdirectory("sweep-bench-").FullName;
        var nonce = (ulong)DateTime.UtcNow.Ticks % 1_000_000_000UL * 1_000_000UL;
        var phase = 0UL;
        try
        {
            if (settings.WorkerProcesses is { } workerProcesses)
                return ZeroWorkDrain.Run(workerProcesses, settings.Trials, queue!, storage!, Path.Combine(folder, "scale.db"), nonce, cancellation) ? ExitCodes.Ok : ExitCodes.Failure;
            var overhead = new Table().AddColumns("queue", "workers", "trials", "wall s", "ms / trial", "trials / s");
            foreach (var backend in storage is null ? ["InMemory"] : new[] { "InMemory", "PostgreSQL" })
            {
                foreach (var workers in new[] { 1, cores })
                {
                    using var store = ResultsStore.Open(Path.Combine(folder, $"overhead-{backend}-{workers}.db"));
                    var seedBase = nonce + 10_000 * ++phase;
                    var trials = Enumerable.Range(0, settings.Trials)
                        .Select(i => new TrialConfig { Seed = seedBase + (ulong)i, Epochs = 1 })
                        .Select(config => PlannedTrial.Of(config, "bench")).ToList();
                    Func<int, ITrialQueue> open = backend == "InMemory"
                        ? _ => new EmbeddedQueue(workers, () => new TrialJob(store, new ZeroWorkTrialRunner(), LocalWorkers.Name))
                        // The benchmark's own queue: a real `sweep worker` on this database never takes these zero-work jobs, nor these workers a sweep's.
                        : _ => new RemoteQueue(storage!, store, s => QueueServer.Start(s, workers, () => new TrialJob(new HangfireTrialStore(s), new ZeroWorkTrialRunner(), LocalWorkers.Name), TrialJobs.BenchQueue), TrialJobs.BenchQueue);
                    var seconds = Time(() => new SweepRunner(store, new SilentRunView(), open).Run(Record("overhead"), trials, false, cancellation));
                    overhead.AddRow(backend, Text(workers), Text(trials.Count), Text(seconds, "F2"), Text(seconds * 1000 / trials.Count, "F2"), Text(trials.Count / seconds, "F0"));
                }
            }
            AnsiConsole.MarkupLine("[bold]Scheduling overhead[/] (zero-work trials: enqueue → claim → one epoch → result in SQLite)");
            AnsiConsole.Write(overhead);

            if (settings.Grid > 0) GridAtScale(settings.Grid, folder, cancellation);

            var file = settings.Sweep ?? Path.Combine(AppContext.BaseDirectory, "..", "..", "sweeps", "lr-lambda.yaml");
            var definition = SweepFileLoader.Load(file, settings.Sweep is null ? ["epochs=1"] : []);
            var checksum = DataGetOnFirstUse.Identify(definition.Dataset, settings.DataDir, cancellation);
            var baseTrials = definition.Expand(_ => checksum);
            var efficiency = new Table().AddColumns("workers", "trials", "wall s", "sum of trial s", "speed-up", "efficiency");
            var layouts = new List<(string Name, int Workers, int Threads, bool Processes)> { ($"1 in-process × {Plural.Count(cores, "thread")}", 1, cores, false), ($"{cores} in-process × 1 thread", cores, 1, false) };
            if (queue is not null) layouts.AddRange([($"1 worker process × {Plural.Count(cores, "thread")}", 1, cores, true), ($"{Plural.Count(cores, "worker process", "worker processes")} × 1 thread", cores, 1, true)]);
            foreach (var layout in layouts)
            {
                using var store = ResultsStore.Open(Path.Combine(folder, $"real-{++phase}.db"));
                var seedBase = nonce + 10_000 * phase;
                var planned = baseTrials.Select((trial, i) => trial with { Seed = seedBase + (ulong)i })
                    .Select(trial => PlannedTrial.Of(trial, checksum)).ToList();
                using var processes = layout.Processes ? new WorkerProcesses(layout.Workers, queue!.ConnectionString, layout.Threads, settings.DataDir) : null;
                Func<int, ITrialQueue> open = layout.Processes
                    ? _ => new RemoteQueue(storage!, store, localServer: null)
                    : _ => new EmbeddedQueue(layout.Workers, () => new TrialJob(store, new EngineTrialRunner(settings.DataDir, CoreShares.Fixed(layout.Threads)), LocalWorkers.Name));
                var wall = Time(() => new SweepRunner(store, new SilentRunView(), open).Run(Record(definition.Name), planned, false, cancellation));
                var sum = store.TrialRows(definition.Name).Sum(row => row.Seconds ?? 0);
                efficiency.AddRow(layout.Name, Text(planned.Count), Text(wall, "F1"), Text(sum, "F1"), Text(sum / wall, "F2") + "×", Text(sum / wall / layout.Workers, "P0"));
            }
            AnsiConsole.MarkupLine($"[bold]Wall time[/] of {Markup.Escape(Path.GetFileName(file))}{(settings.Sweep is null ? " (epochs=1)" : "")} on {cores} cores; efficiency = sum of trial times / (wall × workers)");
            AnsiConsole.Write(efficiency);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// What a large grid costs the coordinator before and after training: hashing its cells, syncing them into a new
    /// results file, syncing them again (a rerun: nothing to insert), and building its report from the stored rows.
    /// </summary>
    private static void GridAtScale(int cells, string folder, CancellationToken cancellation)
    {
        using var store = ResultsStore.Open(Path.Combine(folder, "grid.db"));
        var record = Record("grid");
        List<PlannedTrial> trials = [];
        var table = new Table().AddColumns("step", "cells", "s", "µs / cell");
        void Row(string step, double seconds) => table.AddRow(step, Text(cells), Text(seconds, "F2"), Text(seconds * 1e6 / cells, "F0"));
        Row("hash cells", Time(() => trials = Enumerable.Range(0, cells)
            .Select(i => PlannedTrial.Of(new TrialConfig { LearningRate = 0.001 * (1 + i % 1000), Seed = (ulong)i, Epochs = 1 }, "bench")).ToList()));
        cancellation.ThrowIfCancellationRequested();
        Row("sync into a new results file", Time(() => store.SyncSweep(record, trials)));
        Row("sync again (a rerun)", Time(() => store.SyncSweep(record, trials)));
        Row("report", Time(() => Results.Reports.SweepReport.Build(record, store.TrialRows("grid"), Results.Reports.ReportOptions.For(record, null, null, null))));
        AnsiConsole.MarkupLine($"[bold]A {Text(cells)}-cell grid[/]; peak working set of this process {Text(Process.GetCurrentProcess().PeakWorkingSet64 / 1e6, "F0")} MB");
        AnsiConsole.Write(table);
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static SweepRecord Record(string name) => new(name, null, "grid", Metric.ValAcc.Name, Goal.Maximize.Name(), "{}");

    private static string Text(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
