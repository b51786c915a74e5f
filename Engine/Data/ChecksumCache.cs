using System.Globalization;

namespace Sweep.Engine.Data;

/// <summary>
/// Remembers the SHA-256 of each data file's uncompressed bytes, keyed by the file's full path, size and
/// modification time, so that identifying a dataset again (every `sweep run`) costs one stat per file instead of a
/// gunzip and hash of 55 MB. A file whose size or mtime changed misses and is read again.
/// It lives in the per-user cache ($XDG_CACHE_HOME/sweep/checksums.tsv), never beside the data: a dataset folder may
/// be shared or read-only (../shared/datasets is both). The file is rewritten whole under a temp name and renamed,
/// so a reader never sees half of it; two writers at once can lose each other's new entries, which then cost one
/// more read. Best effort throughout: an unreadable or unwritable cache only costs time, never a wrong answer.
/// Non-goal: noticing a file rewritten with the same size within the same mtime tick.
/// </summary>
public sealed class ChecksumCache(string file)
{
    private readonly Lock _lock = new();

    /// <summary>The cache of this user, as <see cref="DataRoot"/> locates the per-user cache folder.</summary>
    public static ChecksumCache ForUser() => new(Path.Combine(DataRoot.SweepCache(Environment.GetEnvironmentVariable), "checksums.tsv"));

    public string File { get; } = Path.GetFullPath(file);

    /// <summary>The cached hashes of <paramref name="paths"/> in order, or null unless every one is cached and unchanged.</summary>
    public string[]? Lookup(IReadOnlyList<string> paths)
    {
        lock (_lock)
        {
            var entries = Read();
            var hashes = new string[paths.Count];
            for (var i = 0; i < paths.Count; i++)
            {
                var key = Key(paths[i]);
                if (key is null || !entries.TryGetValue(key.Value.Path, out var entry) || entry.Stamp != key.Value.Stamp) return null;
                hashes[i] = entry.Sha256;
            }
            return hashes;
        }
    }

    /// <summary>Records that <paramref name="paths"/> (as they are on disk now) hash to <paramref name="hashes"/>.</summary>
    public void Store(IReadOnlyList<string> paths, IReadOnlyList<string> hashes)
    {
        lock (_lock)
        {
            try
            {
                var entries = Read();
                for (var i = 0; i < paths.Count; i++)
                    if (Key(paths[i]) is { } key) entries[key.Path] = (key.Stamp, hashes[i]);
                Directory.CreateDirectory(Path.GetDirectoryName(File)!);
                var temporary = $"{File}.{Guid.NewGuid():N}.tmp";
                System.IO.File.WriteAllLines(temporary, entries
                    .Where(entry => System.IO.File.Exists(entry.Key)) // forget files that are gone
                    .Select(entry => $"{entry.Value.Sha256}\t{entry.Value.Stamp}\t{entry.Key}"));
                System.IO.File.Move(temporary, File, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: the next run hashes again.
            }
        }
    }

    /// <summary>"size:mtime-ticks" of the file now, or null when it cannot be read.</summary>
    private static (string Path, string Stamp)? Key(string path)
    {
        var info = new FileInfo(Path.GetFullPath(path));
        if (!info.Exists) return null;
        return (info.FullName, string.Create(CultureInfo.InvariantCulture, $"{info.Length}:{info.LastWriteTimeUtc.Ticks}"));
    }

    /// <summary>Lines "sha256 TAB size:mtime TAB path"; a malformed line is skipped, an unreadable file is empty.</summary>
    private Dictionary<string, (string Stamp, string Sha256)> Read()
    {
        var entries = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        try
        {
            if (!System.IO.File.Exists(File)) return entries;
            foreach (var line in System.IO.File.ReadLines(File))
            {
                var parts = line.Split('\t', 3);
                if (parts.Length == 3 && parts[0].Length == 64) entries[parts[2]] = (parts[1], parts[0]);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            entries.Clear();
        }
        return entries;
    }
}
