namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// Collects every problem of a sweep file as `WHERE: KEY: message`, so they are all reported at once. A node reached
/// several times through YAML aliases would repeat the same problem at the same place: it is reported once. Past
/// <see cref="MaxReported"/> errors the rest are counted, not printed: a hostile file cannot flood the terminal.
/// </summary>
public sealed class SweepErrors
{
    public const int MaxReported = 100;

    private readonly List<string> _messages = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _unreported;

    public bool Any => _messages.Count > 0;

    public void Add(string where, string key, string message)
    {
        // Same place, same problem: the same node seen again through an alias (only the key's path differs).
        if (!_seen.Add($"{where}\n{message}")) return;
        if (_messages.Count < MaxReported) _messages.Add($"{where}: {key}: {message}");
        else _unreported++;
    }

    public void Add(SourceNode node, string key, string message) => Add(node.Where, key, message);

    /// <summary>Throws a <see cref="SweepFileException"/> holding every message collected so far, if any.</summary>
    public void ThrowIfAny()
    {
        if (!Any) return;
        throw new SweepFileException(_unreported == 0
            ? _messages
            : [.. _messages, $"... and {_unreported} more errors not shown; fix the ones above first"]);
    }
}
