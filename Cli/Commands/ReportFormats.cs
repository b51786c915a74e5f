using Sweep.Cli.Output;
using Sweep.Results.Reports;

namespace Sweep.Cli.Commands;

/// <summary>The report formats of `sweep run` and `sweep report`, and which renderer writes each.</summary>
public static class ReportFormats
{
    public static readonly IReadOnlyList<string> Names = ["table", "markdown", "csv", "json"];

    public static bool IsKnown(string format) => Names.Contains(format.ToLowerInvariant());

    public static string UnknownMessage(string format) =>
        $"--format: '{format}' is not a report format (expected {string.Join(", ", Names)})";

    public static void Write(SweepReport report, string format)
    {
        switch (format.ToLowerInvariant())
        {
            case "markdown": MarkdownReportRenderer.Render(report, Console.Out); break;
            case "csv": CsvReportRenderer.Render(report, Console.Out); break;
            case "json": JsonReportRenderer.Render(report, Console.Out); break;
            default: TableReportRenderer.Render(report, Console.Out, StandardStreams.OutputTerminal); break;
        }
        Console.Out.Flush();
    }
}
