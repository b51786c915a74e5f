namespace Sweep.Trials;

/// <summary>The rule that stops unpromising trials before their last epoch (`early_terminate.type`).</summary>
public enum EarlyTerminationType
{
    /// <summary>Successive halving on rungs min_iter·etaᵏ: a trial goes on past a rung only in the top 1/eta there.</summary>
    Hyperband,

    /// <summary>The same rule as <see cref="Hyperband"/> under its other name (asynchronous successive halving).</summary>
    Asha,

    /// <summary>From min_iter on, a trial below the median of the others at the same epoch stops.</summary>
    Median,
}
