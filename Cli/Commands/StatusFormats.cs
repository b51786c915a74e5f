using System.Globalization;
using System.Text.Json;
using Sweep.Results;
using Sweep.Results.Reports;
using Sweep.Cli.Output;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep status` as a table for people, or as CSV (RFC 4180) and JSON for scripts: one row per sweep with its
/// trial counts by status, under the full status names.
/// </summary>
public static class StatusFormats
{
    public static readonly IReadOnlyList<string> Names = ["table", "csv", "json"];

    private static readonly string[] Columns = ["sweep", "metric", "goal", "trials", "completed", "pruned", "diverged", "failed", "interrupted", "running", "pending"];

    public static bool IsKnown(string format) => Names.Contains(format.ToLowerInvariant());

    public static string UnknownMessage(string format) =>
        $"--format: '{format}' is not a status format (expected {string.Join(", ", Names)})";

    public static void Write(IReadOnlyList<SweepSummary> sweeps, string format)
    {
        switch (format.ToLowerInvariant())
        {
            case "csv": WriteCsv(sweeps, Console.Out); break;
            case "json": WriteJson(sweeps, Console.Out); break;
            default: StandardStreams.Write(Table(sweeps)); break;
        }
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

    private static void WriteCsv(IReadOnlyList<SweepSummary> sweeps, TextWriter writer)
    {
        CsvLine.Write(writer, Columns);
        foreach (var sweep in sweeps)
            CsvLine.Write(writer, [sweep.Name, sweep.Metric, sweep.Goal, .. Counts(sweep).Select(count => count.ToString(CultureInfo.InvariantCulture))]);
    }

    /// <summary>An array of objects keyed by <see cref="Columns"/>, numbers as numbers.</summary>
    private static void WriteJson(IReadOnlyList<SweepSummary> sweeps, TextWriter writer)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var sweep in sweeps)
            {
                json.WriteStartObject();
                json.WriteString(Columns[0], sweep.Name);
                json.WriteString(Columns[1], sweep.Metric);
                json.WriteString(Columns[2], sweep.Goal);
                var counts = Counts(sweep);
                for (var i = 0; i < counts.Length; i++) json.WriteNumber(Columns[3 + i], counts[i]);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
