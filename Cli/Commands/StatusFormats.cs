using System.Globalization;
using Sweep.Results;
using Sweep.Results.Exports;
using Sweep.Results.Reports;
using Sweep.Cli.Output;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep status` as a table for people, or as CSV (RFC 4180) and JSON for scripts (written as `sweep export` writes
/// them, see <see cref="ExportFormats"/>): one row per sweep with its trial counts by status, under the full status names.
/// </summary>
public static class StatusFormats
{
    public static readonly IReadOnlyList<string> Names = ["table", .. ExportFormats.Names];

    private static readonly string[] Columns = ["sweep", "metric", "goal", "trials", "completed", "pruned", "diverged", "failed", "interrupted", "running", "pending"];

    public static bool IsKnown(string format) => Names.Contains(format.ToLowerInvariant());

    public static string UnknownMessage(string format) =>
        $"--format: '{format}' is not a status format (expected {string.Join(", ", Names)})";

    public static void Write(IReadOnlyList<SweepSummary> sweeps, string format)
    {
        if (ExportFormats.IsKnown(format)) ExportFormats.Write(Rows(sweeps), format, Console.Out);
        else StandardStreams.Write(Table(sweeps));
        Console.Out.Flush();
    }

    private static int[] Counts(SweepSummary sweep) =>
        [sweep.Counts.Total, sweep.Counts.Completed, sweep.Counts.Pruned, sweep.Counts.Diverged, sweep.Counts.Failed, sweep.Counts.Interrupted, sweep.Counts.Running, sweep.Counts.Pending];

    /// <summary>Boxed on a terminal wide enough, else one whitespace-separated row per sweep (see <see cref="TextTable"/>).</summary>
    private static TextTable Table(IReadOnlyList<SweepSummary> sweeps)
    {
        var table = new TextTable(Columns, Enumerable.Range(3, Columns.Length - 3).ToHashSet());
        foreach (var sweep in sweeps)
            table.AddRow([sweep.Name, sweep.Metric, sweep.Goal, .. Counts(sweep).Select(count => count.ToString(CultureInfo.InvariantCulture))]);
        return table;
    }

    /// <summary>The same rows for scripts, the counts as numbers.</summary>
    private static ExportTable Rows(IReadOnlyList<SweepSummary> sweeps)
    {
        var table = new ExportTable(Columns);
        foreach (var sweep in sweeps)
            table.Add([sweep.Name, sweep.Metric, sweep.Goal, .. Counts(sweep).Select(count => (object?)count)]);
        return table;
    }
}
