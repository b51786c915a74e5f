namespace Sweep.Coordinator.SweepFiles;

/// <summary>A YAML list, block (`- x`) or flow (`[x, y]`).</summary>
public sealed class SourceSequence(string where, IReadOnlyList<SourceNode> items) : SourceNode(where)
{
    public IReadOnlyList<SourceNode> Items { get; } = items;

    public override string Describe() => "a list";
}
