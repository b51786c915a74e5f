namespace Sweep.Results.Reports;

/// <summary>How to rank a sweep: by which metric, which way, and how many configurations to show (null = all).</summary>
public sealed record ReportOptions(ReportMetric Metric, Goal Goal, int? Top = null)
{
    /// <summary>
    /// The sweep's own metric and goal unless overridden (an overridden metric without a goal takes that metric's
    /// natural goal). Bad names and a Top below 1 throw ArgumentException naming the rule and the value.
    /// </summary>
    public static ReportOptions For(SweepRecord sweep, string? metric = null, string? goal = null, int? top = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (top is < 1) throw new ArgumentException($"--top must be at least 1, got {top}", nameof(top));
        var rankBy = ReportMetric.Parse(metric ?? sweep.Metric);
        var way = goal is not null ? ParseGoal(goal)
            : metric is not null ? rankBy.DefaultGoal
            : ParseGoal(sweep.Goal);
        return new ReportOptions(rankBy, way, top);
    }

    public static Goal ParseGoal(string text) => text.Trim().ToLowerInvariant() switch
    {
        "maximize" or "max" => Goal.Maximize,
        "minimize" or "min" => Goal.Minimize,
        _ => throw new ArgumentException($"unknown goal '{text}': expected maximize or minimize", nameof(text)),
    };
}
