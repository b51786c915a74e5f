namespace Sweep.Results;

/// <summary>
/// One rung judgement of early termination as the decisions table keeps it: at epoch <see cref="Rung"/> of attempt
/// <see cref="Attempt"/>, the trial's <see cref="Value"/> of <see cref="Metric"/> against <see cref="Threshold"/>, computed
/// from <see cref="Compared"/> other trials by <see cref="Rule"/>, gave <see cref="Decision"/> (continue or prune).
/// </summary>
public sealed record StoredDecision(string Sweep, int Attempt, int Rung, string Metric, double? Value, double? Threshold, int Compared,
    string Decision, string Rule, string DecidedAt);
