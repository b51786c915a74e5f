namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// A YAML mapping in written order. Duplicate keys are kept (not rejected by the parser) so that the validator can
/// report every one of them with its line, together with all other errors.
/// </summary>
public sealed class SourceMapping(string where, IReadOnlyList<SourceMappingEntry> entries) : SourceNode(where)
{
    public IReadOnlyList<SourceMappingEntry> Entries { get; } = entries;

    public override string Describe() => "a mapping";
}
