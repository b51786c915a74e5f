namespace Sweep.Trials;

/// <summary>One attempt's hold on a trial: only the holder of the current claim may record epochs and the outcome.</summary>
public sealed record TrialClaim(string TrialHash, int Attempt, string Worker);
