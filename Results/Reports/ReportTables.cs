using System.Globalization;
using Sweep.Trials;

namespace Sweep.Results.Reports;

/// <summary>
/// The tables of a report, built once so the terminal, the plain layout and markdown show the same cells: parameters
/// to 6 significant digits, the metric as <see cref="Metric.Format"/> prints it (accuracies in percent).
/// </summary>
public static class ReportTables
{
    public static TextTable Ranking(SweepReport report)
    {
        var metric = report.Metric;
        var columns = report.VaryingParameters.Count;
        var table = new TextTable(["#", .. report.VaryingParameters, metric.Name, "std", "n", "seconds"],
            Enumerable.Range(0, columns + 5).ToHashSet());
        foreach (var group in report.Groups)
            table.AddRow([Count(group.Rank), .. report.VaryingParameters.Select(parameter => ParameterValues.Display(group.Parameters[parameter])),
                metric.Format(group.Mean), metric.Format(group.Std), Count(group.N), ReportText.Seconds(group.Seconds)]);
        return table;
    }

    public static TextTable Best(SweepReport report, ReportGroup best)
    {
        var metric = report.Metric;
        var table = new TextTable(["parameter", "value"]);
        foreach (var (name, value) in best.Parameters) table.AddRow(name, ParameterValues.Display(value));
        table.AddRow("seeds", string.Join(",", best.Seeds));
        table.AddRow(metric.Name, metric.Format(best.Mean));
        table.AddRow("std", metric.Format(best.Std));
        return table;
    }

    public static TextTable Marginals(SweepReport report)
    {
        var metric = report.Metric;
        var table = new TextTable(["parameter", "value", metric.Name, "n"], new HashSet<int> { 1, 2, 3 });
        foreach (var marginal in report.Marginals)
        foreach (var value in marginal.Values)
            table.AddRow(marginal.Parameter, ParameterValues.Display(value.Value), metric.Format(value.Mean), Count(value.N));
        return table;
    }

    public static TextTable Failures(SweepReport report)
    {
        var table = new TextTable(["status", "trial", "error"]);
        foreach (var failure in report.Failures)
            table.AddRow(failure.Status.Name(), ReportText.ShortHash(failure.Hash), failure.Error ?? "");
        return table;
    }

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}
