namespace Sweep.Coordinator.Search;

/// <summary>
/// Settings of <see cref="TpeSampler"/>; the defaults are Optuna's (TPESampler of Optuna 3/4): 10 random startup
/// trials, 24 candidates per proposal, γ(n) = min(⌈0.1·n⌉, 25) good trials, prior weight 1.
/// </summary>
public sealed record TpeOptions
{
    public int StartupTrials { get; init; } = 10;
    public int Candidates { get; init; } = 24;
    public double PriorWeight { get; init; } = 1.0;

    /// <summary>How many of n observations form the "good" group.</summary>
    public Func<int, int> Gamma { get; init; } = n => Math.Min((int)Math.Ceiling(0.1 * n), 25);
}
