using Sweep.Trials;

namespace Sweep.Results.Reports;

/// <summary>How to rank a sweep: by which metric, which way, and how many configurations to show (null = all).</summary>
public sealed record ReportOptions(Metric Metric, Goal Goal, int? Top = null)
{
    /// <summary>
    /// The sweep's own metric and goal unless overridden (an overridden metric without a goal takes that metric's
    /// natural goal). Bad input throws one ArgumentException naming every rule broken and the value that broke it.
    /// </summary>
    public static ReportOptions For(SweepRecord sweep, string? metric = null, string? goal = null, int? top = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var problems = new List<string>();

        var metricText = metric ?? sweep.Metric;
        var rankBy = Metric.TryParse(metricText);
        if (rankBy is null) problems.Add(Metric.UnknownMessage(metricText));

        var goalText = goal ?? (metric is null ? sweep.Goal : null);
        var way = goalText is null ? rankBy?.DefaultGoal : TryParseGoal(goalText);
        if (goalText is not null && way is null) problems.Add(Goals.UnknownMessage(goalText));

        if (top is < 1) problems.Add($"--top must be at least 1, got {top}");

        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
        return new ReportOptions(rankBy!, way!.Value, top);
    }

    public static Goal? TryParseGoal(string text) => text.Trim().ToLowerInvariant() switch
    {
        "max" => Goal.Maximize,
        "min" => Goal.Minimize,
        var name => Goals.Named(name),
    };
}
