using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Spectre.Console;
using Sweep.Coordinator.Running;
using Sweep.Queue;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Benchmarks;

/// <summary>
/// The queue at scale (`sweep bench scheduler --worker-processes N --queue CONN`): N `sweep worker --bench-zero-work`
/// processes drain zero-work trials enqueued onto the benchmark's own Hangfire queue (<see cref="TrialJobs.BenchQueue"/>),
/// which real workers never read, while this process coordinates as `sweep run --queue` does. Then it counts, from the
/// results file, what the queue delivered: every trial must hold exactly one result, from attempt 1, with exactly one
/// epoch (a second claim would be attempt 2: training twice; a trial without a result is lost).
/// Not a user's sweep: the results file is the benchmark's temporary one.
/// </summary>
public static class ZeroWorkDrain
{
    public const string SweepName = "bench-scale";

    /// <summary>Prints the figures and the check; true when no trial was lost or trained twice.</summary>
    public static bool Run(int processes, int trials, QueueConnection queue, JobStorage storage, string resultsPath, ulong seedBase, CancellationToken cancellation)
    {
        using var store = ResultsStore.Open(resultsPath);
        var planned = Enumerable.Range(0, trials)
            .Select(i => PlannedTrial.Of(new TrialConfig { Seed = seedBase + (ulong)i, Epochs = 1 }, "bench")).ToList();
        var record = new SweepRecord(SweepName, null, "grid", Metric.ValAcc.Name, Goal.Maximize.Name(), "{}");
        double seconds;
        using (new WorkerProcesses(processes, queue.ConnectionString, threads: 1, dataDir: null, zeroWork: true))
        {
            var clock = Stopwatch.StartNew();
            new SweepRunner(store, new SilentRunView(), _ => new RemoteQueue(storage, store, localServer: null, TrialJobs.BenchQueue))
                .Run(record, planned, false, cancellation);
            seconds = clock.Elapsed.TotalSeconds;
        }

        var rows = store.TrialRows(SweepName);
        var lost = rows.Count(row => row.Status != TrialStatus.Completed);
        var duplicates = rows.Count(row => row.Status == TrialStatus.Completed && (row.Attempt != 1 || store.Epochs(row.Hash).Count != 1));
        var table = new Table().AddColumns("worker processes", "trials", "wall s", "ms / trial", "trials / s");
        table.AddRow(Text(processes), Text(trials), Text(seconds, "F1"), Text(seconds * 1000 / trials, "F2"), Text(trials / seconds, "F1"));
        AnsiConsole.MarkupLine($"[bold]Queue at scale[/] (zero-work trials drained by `sweep worker` processes on {Markup.Escape(queue.Redacted)})");
        AnsiConsole.Write(table);
        // Counted from the results file: one row per trial; a trial is lost without a Completed result, and trained twice
        // when its result is not attempt 1 with exactly one epoch.
        AnsiConsole.WriteLine($"duplicates: {Text(duplicates)}, lost: {Text(lost)} (of {Text(rows.Count)} trials in the results file)");
        return duplicates == 0 && lost == 0 && rows.Count == trials;
    }

    private static string Text(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
