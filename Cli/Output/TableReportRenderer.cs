using Spectre.Console;
using Sweep.Results.Reports;

namespace Sweep.Cli.Output;

/// <summary>
/// The report for people: boxed Spectre.Console tables on a terminal wide enough for them, else (a pipe, a log, a
/// narrow terminal) the same tables as whitespace-aligned columns, each after a line naming it (see <see cref="TextTable"/>).
/// </summary>
public static class TableReportRenderer
{
    /// <param name="terminal">The terminal behind <paramref name="output"/>, or null when it is a pipe or a file.</param>
    public static void Render(SweepReport report, TextWriter output, IAnsiConsole? terminal)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);

        Line(ReportText.Title(report));
        Line("status: " + ReportText.Counts(report.Counts));
        if (report.Groups.Count == 0) Line($"no completed trial has {report.Metric} yet");
        else
        {
            Section("ranking", ReportTables.Ranking(report));
            if (report.Best is { } best) Section("best configuration", ReportTables.Best(report, best));
        }
        if (report.Marginals.Count > 0) Section($"marginal mean {report.Metric}", ReportTables.Marginals(report));
        if (report.Failures.Count > 0) Section("not ranked", ReportTables.Failures(report));
        output.Flush();

        void Line(string text)
        {
            if (terminal is null) output.WriteLine(text);
            else terminal.WriteLine(text, Style.Plain);
        }

        void Section(string title, TextTable table)
        {
            if (terminal is null) output.WriteLine();
            table.Write(output, terminal, title);
        }
    }
}
