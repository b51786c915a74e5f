namespace Sweep.Coordinator.Running;

/// <summary>
/// Which of a run's unfinished trials the coordinator of a shared queue reads from the queue on one poll. Each read is
/// a query, and reading every unfinished trial on every poll cost a run reads in proportion to trials × polls: with
/// 10,000 trials waiting, one poll took seconds and kept a core busy (issue 9). Each poll now reads every trial last
/// seen running (few: at most one per worker slot, and their epochs and leases are what the progress view and the
/// take-over of a lapsed lease need) and the next <paramref name="slice"/> of the others, in the order first seen,
/// wrapping around, so every other trial is still read once per (unfinished / slice) polls.
/// </summary>
public sealed class CollectRotation(int slice = CollectRotation.DefaultSlice)
{
    public const int DefaultSlice = 250;

    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _order = new(StringComparer.Ordinal);
    private int _after = -1;

    /// <summary>The trials to read on this poll, out of <paramref name="unfinished"/>.</summary>
    public IReadOnlyList<string> Next(IEnumerable<string> unfinished)
    {
        var hashes = unfinished.ToList();
        foreach (var hash in hashes) _order.TryAdd(hash, _order.Count);
        var others = hashes.Where(hash => !_running.Contains(hash)).OrderBy(hash => _order[hash]).ToList();
        var chosen = hashes.Where(_running.Contains).ToList();
        if (others.Count <= slice) return [.. chosen, .. others];
        var start = others.FindIndex(hash => _order[hash] > _after);
        if (start < 0) start = 0;
        for (var i = 0; i < slice; i++) chosen.Add(others[(start + i) % others.Count]);
        _after = _order[others[(start + slice - 1) % others.Count]];
        return chosen;
    }

    /// <summary>What the read found: a trial with an attempt under way is read on every poll until it ends.</summary>
    public void Saw(string hash, bool running)
    {
        if (running) _running.Add(hash);
        else _running.Remove(hash);
    }
}
