namespace Sweep.Coordinator.Search;

/// <summary>
/// A point already proposed and its loss (lower is better; the caller negates a metric to maximize). A trial still
/// running counts with its best value so far, or +∞ when it has none yet ("constant liar"), so parallel proposals
/// spread out instead of repeating each other.
/// </summary>
public sealed record Observation(IReadOnlyList<double> Point, double Loss);
