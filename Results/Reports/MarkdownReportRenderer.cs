namespace Sweep.Results.Reports;

/// <summary>The report as GitHub markdown, for a README or an issue: the same tables as the terminal shows.</summary>
public static class MarkdownReportRenderer
{
    public static void Render(SweepReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);

        writer.WriteLine($"# Sweep `{report.Sweep}`");
        writer.WriteLine();
        writer.WriteLine(ReportText.Title(report).Replace("|", "\\|") + ".");
        writer.WriteLine();
        writer.WriteLine("Status: " + ReportText.Counts(report.Counts) + ".");

        if (report.Groups.Count == 0)
        {
            Section(writer, "Ranking");
            writer.WriteLine($"No completed trial has {report.Metric} yet.");
        }
        else
        {
            Section(writer, "Ranking");
            ReportTables.Ranking(report).WriteMarkdown(writer);
            if (report.Best is { } best)
            {
                Section(writer, "Best configuration");
                ReportTables.Best(report, best).WriteMarkdown(writer);
            }
        }
        if (report.Marginals.Count > 0)
        {
            Section(writer, $"Marginal mean {report.Metric}");
            ReportTables.Marginals(report).WriteMarkdown(writer);
        }
        if (report.Failures.Count > 0)
        {
            Section(writer, "Not ranked");
            ReportTables.Failures(report).WriteMarkdown(writer);
        }
    }

    private static void Section(TextWriter writer, string title)
    {
        writer.WriteLine();
        writer.WriteLine("## " + title);
        writer.WriteLine();
    }
}
