namespace Sweep.Scheduler.SweepFiles;

/// <summary>Collects every problem of a sweep file as `WHERE: KEY: message`, so they are all reported at once.</summary>
public sealed class SweepErrors
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages => _messages;
    public bool Any => _messages.Count > 0;

    public void Add(string where, string key, string message) => _messages.Add($"{where}: {key}: {message}");

    public void Add(SourceNode node, string key, string message) => Add(node.Where, key, message);

    /// <summary>Throws a <see cref="SweepFileException"/> holding every message collected so far, if any.</summary>
    public void ThrowIfAny()
    {
        if (Any) throw new SweepFileException(_messages);
    }
}
