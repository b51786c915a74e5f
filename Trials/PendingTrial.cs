namespace Sweep.Trials;

/// <summary>A trial to enqueue: what a TrialJob needs.</summary>
public sealed record PendingTrial(string Hash, string ConfigJson)
{
    /// <summary>The sweep's early-termination plan as JSON (<see cref="PruningPlan"/>), or null to train every epoch.</summary>
    public string? Pruning { get; init; }
}
