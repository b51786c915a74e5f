using Sweep.Trials;

namespace Sweep.Results.Reports;

/// <summary>A failed or diverged trial: listed with its error so it can be looked into, never ranked.</summary>
public sealed record UnrankedTrial(string Hash, TrialStatus Status, string? Error, IReadOnlyDictionary<string, object> Parameters);
