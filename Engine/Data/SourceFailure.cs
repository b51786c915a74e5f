namespace Sweep.Engine.Data;

/// <summary>Why one source could not deliver the data.</summary>
public sealed record SourceFailure(string Source, string Reason);
