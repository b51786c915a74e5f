using System.Collections.Concurrent;

namespace Sweep.Web.Data;

/// <summary>
/// The last JSON built for each key, reused while the results file has not changed: a page polls every second, and a
/// 10,000-trial sweep takes a good part of a second to read and rank, so an idle sweep costs nothing to watch. "Not
/// changed" is the file and its WAL having the same length and modification time: every commit of a writer appends to
/// the WAL (or, after a checkpoint, rewrites the file), which moves one of them. The stamp is read before the build, so
/// a commit during a build makes the next request build again.
/// </summary>
public sealed class PayloadCache(string resultsPath)
{
    private readonly ConcurrentDictionary<string, (FileStamp Stamp, byte[] Json)> entries = new(StringComparer.Ordinal);

    public byte[] Get(string key, Func<byte[]> build)
    {
        var stamp = FileStamp.Of(resultsPath);
        if (entries.TryGetValue(key, out var entry) && entry.Stamp == stamp) return entry.Json;
        var json = build();
        entries[key] = (stamp, json);
        return json;
    }

    private readonly record struct FileStamp(long Length, DateTime Written, long WalLength, DateTime WalWritten)
    {
        public static FileStamp Of(string path)
        {
            var file = new FileInfo(path);
            var wal = new FileInfo(path + "-wal");
            return new FileStamp(file.Exists ? file.Length : -1, file.Exists ? file.LastWriteTimeUtc : default,
                wal.Exists ? wal.Length : -1, wal.Exists ? wal.LastWriteTimeUtc : default);
        }
    }
}
