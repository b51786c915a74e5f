namespace Sweep.Trials;

/// <summary>A trial to enqueue: what a TrialJob needs.</summary>
public sealed record PendingTrial(string Hash, string ConfigJson);
