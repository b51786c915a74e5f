using Sweep.Trials;

namespace Sweep.Results;

/// <summary>
/// A trial of a sweep with what the results file knows beyond its <see cref="TrialRow"/>: the code fingerprint that
/// computed its outcome, how many results its proposal saw (a search's trial; null otherwise), and the rung judgements
/// of early termination made in the sweep for its current attempt: how many, and the one that pruned it (null if none).
/// </summary>
public sealed record TrialDetail(TrialRow Row, string? Code, int? ResultsSeen, int RungDecisions, RungDecision? Pruned);
