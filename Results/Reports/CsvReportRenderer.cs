using System.Globalization;
using Sweep.Trials;

namespace Sweep.Results.Reports;

/// <summary>
/// The ranking as CSV (RFC 4180), one row per configuration with every hyperparameter, for a spreadsheet or pandas.
/// Numbers are full precision and invariant, accuracies fractions; an empty field is a value not reached. The sweep
/// name is a column so files of several sweeps can be concatenated; each metric appears once (the ranked metric's mean
/// is its mean_ column, its spread std_METRIC).
/// </summary>
public static class CsvReportRenderer
{
    public static void Render(SweepReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);

        var parameters = TrialConfig.ParameterNames.Where(name => name != "seed").ToList();
        CsvLine.Write(writer, ["sweep", "rank", .. parameters, "seeds", "n",
            .. Metric.All.Select(metric => $"mean_{metric.Name}"), $"std_{report.Metric}", "mean_seconds"]);
        foreach (var group in report.Groups)
            CsvLine.Write(writer, [report.Sweep, group.Rank.ToString(CultureInfo.InvariantCulture),
                .. parameters.Select(name => ParameterValues.Text(group.Parameters[name])),
                ReportText.Seeds(group.Seeds), group.N.ToString(CultureInfo.InvariantCulture),
                .. Metric.All.Select(metric => Number(group.Means[metric.Name])), Number(group.Std), Number(group.Seconds)]);
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
