namespace Sweep.Trials;

/// <summary>A rung decision as a remote worker recorded it, for the coordinator to copy into the results file's `decisions`.</summary>
public sealed record RecordedDecision(string Sweep, string Metric, string Rule, int Attempt, RungDecision Decision, DateTime DecidedAt);
