namespace Sweep.Trials;

/// <summary>A trial to enqueue: what a TrialJob needs.</summary>
public sealed record PendingTrial(string Hash, string ConfigJson)
{
    /// <summary>What the sweep asks of the trial as JSON (<see cref="TrialPlan"/>: early termination, keeping its model), or null.</summary>
    public string? Plan { get; init; }
}
