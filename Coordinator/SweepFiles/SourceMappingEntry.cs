namespace Sweep.Coordinator.SweepFiles;

/// <summary>One `key: value` pair; the key's position is where errors about the key point.</summary>
public sealed record SourceMappingEntry(SourceScalar Key, SourceNode Value);
