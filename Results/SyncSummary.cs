namespace Sweep.Results;

/// <summary>What SyncSweep did: how many trials the sweep has now and how many of them were new to the file.</summary>
public sealed record SyncSummary(int Trials, int Added);
