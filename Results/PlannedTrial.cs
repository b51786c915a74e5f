namespace Sweep.Results;

/// <summary>A trial the coordinator expanded from a sweep: its identity hash and canonical config (TrialConfig.ToCanonicalJson).</summary>
public sealed record PlannedTrial(string Hash, string ConfigJson, string Dataset);
