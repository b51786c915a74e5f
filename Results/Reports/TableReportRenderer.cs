using Spectre.Console;

namespace Sweep.Results.Reports;

/// <summary>The report as Spectre.Console tables, for a terminal. Writes only to the console it is given.</summary>
public static class TableReportRenderer
{
    public static void Render(SweepReport report, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);

        console.Write(new Text(ReportText.Title(report), new Style(decoration: Decoration.Bold)));
        console.WriteLine();
        console.Write(new Text("status: " + ReportText.Counts(report.Counts)));
        console.WriteLine();

        if (report.Groups.Count == 0)
        {
            console.Write(new Text($"no completed trial has {report.Metric} yet"));
            console.WriteLine();
        }
        else
        {
            console.Write(Ranking(report));
            if (report.Best is { } best) console.Write(BestConfiguration(report, best));
        }
        if (report.Marginals.Count > 0) console.Write(Marginals(report));
        if (report.Failures.Count > 0) console.Write(Failures(report));
    }

    private static Table Ranking(SweepReport report)
    {
        var table = new Table { Title = new TableTitle("ranking") };
        table.AddColumn(new TableColumn("#").RightAligned());
        foreach (var parameter in report.VaryingParameters) table.AddColumn(new TableColumn(Markup.Escape(parameter)).RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape($"{report.Metric} (mean ± std)")).RightAligned());
        table.AddColumn(new TableColumn("n").RightAligned());
        table.AddColumn(new TableColumn("seconds").RightAligned());
        foreach (var group in report.Groups)
        {
            var cells = new List<string> { group.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            cells.AddRange(report.VaryingParameters.Select(parameter => ParameterValues.Text(group.Parameters[parameter])));
            cells.Add(ReportText.MeanStd(group.Mean, group.Std));
            cells.Add(group.N.ToString(System.Globalization.CultureInfo.InvariantCulture));
            cells.Add(ReportText.Seconds(group.Seconds));
            table.AddRow(cells.Select(cell => new Text(cell)));
        }
        return table;
    }

    private static Table BestConfiguration(SweepReport report, ReportGroup best)
    {
        var table = new Table { Title = new TableTitle("best configuration") };
        table.AddColumn("parameter");
        table.AddColumn("value");
        foreach (var (name, value) in best.Parameters) table.AddRow(new Text(name), new Text(ParameterValues.Text(value)));
        table.AddRow(new Text("seeds"), new Text(ReportText.Seeds(best.Seeds)));
        table.AddRow(new Text(report.Metric), new Text(ReportText.MeanStd(best.Mean, best.Std)));
        return table;
    }

    private static Table Marginals(SweepReport report)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape($"marginal mean {report.Metric}")) };
        table.AddColumn("parameter");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape(report.Metric)).RightAligned());
        table.AddColumn(new TableColumn("n").RightAligned());
        foreach (var marginal in report.Marginals)
        foreach (var value in marginal.Values)
            table.AddRow(new Text(marginal.Parameter), new Text(ParameterValues.Text(value.Value)), new Text(ReportText.Number(value.Mean)),
                new Text(value.N.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return table;
    }

    private static Table Failures(SweepReport report)
    {
        var table = new Table { Title = new TableTitle("not ranked") };
        table.AddColumn("status");
        table.AddColumn("trial");
        table.AddColumn("error");
        foreach (var failure in report.Failures)
            table.AddRow(new Text(ReportText.StatusName(failure.Status)), new Text(ReportText.ShortHash(failure.Hash)), new Text(failure.Error ?? ""));
        return table;
    }
}
