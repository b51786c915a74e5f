namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// A node of a parsed sweep file that remembers where it was written (`file:line:column`, or `override 'k=v'`
/// for a command-line override), so every validation error can point at its source.
/// </summary>
public abstract class SourceNode(string where)
{
    public string Where { get; } = where;

    /// <summary>What this node is, in words, for "expected X, got Y" messages.</summary>
    public abstract string Describe();
}
