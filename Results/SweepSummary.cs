namespace Sweep.Results;

/// <summary>One line of `sweep status`: a sweep, how it is ranked, and its trials by state.</summary>
public sealed record SweepSummary(string Name, string Metric, string Goal, string? SourceFile, string UpdatedAt, StatusCounts Counts);
