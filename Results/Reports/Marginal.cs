namespace Sweep.Results.Reports;

/// <summary>How the ranked metric moves with one hyperparameter, averaged over all the others.</summary>
public sealed record Marginal(string Parameter, IReadOnlyList<MarginalValue> Values);
