using System.Globalization;
using Sweep.Trials;

namespace Sweep.Results.Reports;

/// <summary>The wording and number format every text renderer shares, so table, markdown and csv agree digit for digit.</summary>
public static class ReportText
{
    public const string Missing = Metric.Missing;

    public static string Seconds(double? seconds) =>
        seconds is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) + "s" : Missing;

    public static string Seeds(IReadOnlyList<ulong> seeds) => string.Join(" ", seeds);

    public static string Title(SweepReport report) =>
        $"sweep {report.Sweep}: ranked by {report.Metric} ({report.Goal.Name()}), " +
        $"{report.RankedTrials} of {Plural.Count(report.Counts.Total, "trial")} in {Plural.Count(report.GroupCount, "configuration")}";

    /// <summary>"completed 6, diverged 1, failed 1, pending 1": the states that have trials, in lifecycle order.</summary>
    public static string Counts(StatusCounts counts)
    {
        var parts = TrialStatuses.All.Where(status => counts[status] > 0)
            .Select(status => $"{status.Name()} {counts[status]}").ToList();
        return parts.Count > 0 ? string.Join(", ", parts) : "no trials";
    }

    public static string ShortHash(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
