using System.Globalization;

namespace Sweep.Results.Reports;

/// <summary>The report as GitHub markdown, for a README or an issue.</summary>
public static class MarkdownReportRenderer
{
    public static void Render(SweepReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);

        writer.WriteLine($"# Sweep `{report.Sweep}`");
        writer.WriteLine();
        writer.WriteLine(Cell(ReportText.Title(report)) + ".");
        writer.WriteLine();
        writer.WriteLine("Status: " + ReportText.Counts(report.Counts) + ".");

        writer.WriteLine();
        writer.WriteLine("## Ranking");
        writer.WriteLine();
        if (report.Groups.Count == 0) writer.WriteLine($"No completed trial has {report.Metric} yet.");
        else
        {
            Row(writer, ["#", .. report.VaryingParameters, $"{report.Metric} (mean ± std)", "n", "seconds"]);
            Row(writer, Enumerable.Repeat("---:", report.VaryingParameters.Count + 4));
            foreach (var group in report.Groups)
                Row(writer, [group.Rank.ToString(CultureInfo.InvariantCulture),
                    .. report.VaryingParameters.Select(parameter => ParameterValues.Text(group.Parameters[parameter])),
                    ReportText.MeanStd(group.Mean, group.Std), group.N.ToString(CultureInfo.InvariantCulture), ReportText.Seconds(group.Seconds)]);
        }

        if (report.Best is { } best)
        {
            writer.WriteLine();
            writer.WriteLine("## Best configuration");
            writer.WriteLine();
            Row(writer, ["parameter", "value"]);
            Row(writer, ["---", "---:"]);
            foreach (var (name, value) in best.Parameters) Row(writer, [name, ParameterValues.Text(value)]);
            Row(writer, ["seeds", ReportText.Seeds(best.Seeds)]);
            Row(writer, [report.Metric, ReportText.MeanStd(best.Mean, best.Std)]);
        }

        if (report.Marginals.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine($"## Marginal mean {report.Metric}");
            writer.WriteLine();
            Row(writer, ["parameter", "value", report.Metric, "n"]);
            Row(writer, ["---", "---:", "---:", "---:"]);
            foreach (var marginal in report.Marginals)
            foreach (var value in marginal.Values)
                Row(writer, [marginal.Parameter, ParameterValues.Text(value.Value), ReportText.Number(value.Mean), value.N.ToString(CultureInfo.InvariantCulture)]);
        }

        if (report.Failures.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("## Not ranked");
            writer.WriteLine();
            Row(writer, ["status", "trial", "error"]);
            Row(writer, ["---", "---", "---"]);
            foreach (var failure in report.Failures)
                Row(writer, [ReportText.StatusName(failure.Status), "`" + ReportText.ShortHash(failure.Hash) + "`", failure.Error ?? ""]);
        }
    }

    private static void Row(TextWriter writer, IEnumerable<string> cells) =>
        writer.WriteLine("| " + string.Join(" | ", cells.Select(Cell)) + " |");

    /// <summary>A pipe or a line break inside a cell would end it.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
