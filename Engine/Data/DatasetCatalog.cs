using System.Collections.Concurrent;

namespace Sweep.Engine.Data;

/// <summary>
/// Turns a dataset name ("mnist") or a folder path into <see cref="DataSplits"/>.
/// A name resolves to &lt;data root&gt;/&lt;name&gt; (see <see cref="DataRoot"/>); any folder holding the four standard
/// IDX files (<see cref="MnistFiles.Names"/>, each raw or .gz) works as a path.
/// Loads are cached per process by full path and validation size, because a sweep trains many times in one
/// process; callers must treat the returned arrays as read-only. Non-goal: noticing files changed mid-process.
/// A known name is verified against the real files' SHA-256s (<see cref="MnistFiles.Verify"/>); a folder path is
/// taken as it is. <see cref="Identify"/> gives the checksum without loading pixels, from a <see cref="ChecksumCache"/>.
/// </summary>
public static class DatasetCatalog
{
    public const int DefaultValidationSize = 10_000;

    /// <summary>Names accepted besides folder paths; each is a folder of the same name under the data root.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = ["mnist"];

    private static readonly ConcurrentDictionary<(string Folder, int ValidationSize), Lazy<DataSplits>> Cache = new();
    private static readonly Lazy<ChecksumCache> UserChecksums = new(ChecksumCache.ForUser);

    public static bool IsKnownName(string name) => KnownNames.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Loads <paramref name="nameOrPath"/> (a known name or a folder path), holding out the last
    /// <paramref name="validationSize"/> training examples for validation. <paramref name="dataDir"/> overrides
    /// the data root for names. Throws <see cref="UnknownDatasetException"/> or <see cref="DataFormatException"/>.
    /// </summary>
    public static DataSplits Load(string nameOrPath, string? dataDir = null, int validationSize = DefaultValidationSize)
    {
        var folder = ResolveFolder(nameOrPath, dataDir);
        // Verified from the checksum cache (a stat per file), or read, verified and cached once per machine.
        if (IsKnownName(nameOrPath)) Identify(nameOrPath, dataDir);
        var lazy = Cache.GetOrAdd((folder, validationSize),
            key => new Lazy<DataSplits>(() => LoadFolder(key.Folder, key.ValidationSize)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Don't cache failures: the user may fetch the data and retry in the same process.
            Cache.TryRemove(new KeyValuePair<(string, int), Lazy<DataSplits>>((folder, validationSize), lazy));
            throw;
        }
    }

    /// <summary>
    /// The checksum that <see cref="Load"/> would give (see <see cref="DataChecksum.Combine"/>), without decoding
    /// pixels when the files' hashes are in <paramref name="checksums"/> (default: this user's cache) and unchanged.
    /// On a miss the files are read once: a known name is verified against its SHA-256s, a folder's files are
    /// parsed, so that a cached hash always stands for a file that loads. Same exceptions as <see cref="Load"/>.
    /// </summary>
    public static string Identify(string nameOrPath, string? dataDir = null, ChecksumCache? checksums = null)
    {
        var folder = ResolveFolder(nameOrPath, dataDir);
        var named = IsKnownName(nameOrPath);
        checksums ??= UserChecksums.Value;
        var paths = LocateAll(folder);
        var hashes = checksums.Lookup(paths);
        if (hashes is null)
        {
            var files = ReadAll(paths);
            hashes = files.Select(f => f.Sha256).ToArray();
            if (named) MnistFiles.Verify(paths, hashes);
            else Parse(folder, files, validationSize: 0);
            checksums.Store(paths, hashes);
        }
        else if (named)
        {
            MnistFiles.Verify(paths, hashes);
        }
        return DataChecksum.Combine(hashes);
    }

    /// <summary>The names of <see cref="MnistFiles.Names"/> that <paramref name="folder"/> holds neither raw nor as .gz.</summary>
    public static IReadOnlyList<string> MissingFiles(string folder) =>
        MnistFiles.Names.Where(name => MnistFiles.Locate(folder, name) is null).ToList();

    /// <summary>The full path of the folder <paramref name="nameOrPath"/> names; a known name wins over a same-named folder.</summary>
    public static string ResolveFolder(string nameOrPath, string? dataDir = null)
    {
        if (string.IsNullOrWhiteSpace(nameOrPath))
            throw new UnknownDatasetException($"no dataset given; expected one of: {string.Join(", ", KnownNames)}, or a folder path");
        if (IsKnownName(nameOrPath)) return Path.Combine(DataRoot.Resolve(dataDir), nameOrPath.ToLowerInvariant());
        if (Directory.Exists(nameOrPath)) return FullFolderPath(nameOrPath);
        if (LooksLikePath(nameOrPath))
            throw new DataFormatException($"{Path.GetFullPath(nameOrPath)}: dataset folder not found; expected a folder holding {FileList()}");
        throw new UnknownDatasetException(
            $"unknown dataset '{nameOrPath}'; known names: {string.Join(", ", KnownNames)}. " +
            $"A folder path holding {FileList()} is also accepted.");
    }

    /// <summary>Loads a folder without the cache. Reports every missing file at once.</summary>
    public static DataSplits LoadFolder(string folder, int validationSize = DefaultValidationSize)
    {
        folder = FullFolderPath(folder);
        var paths = LocateAll(folder);
        var files = ReadAll(paths);
        var splits = Parse(folder, files, validationSize);
        UserChecksums.Value.Store(paths, files.Select(f => f.Sha256).ToArray()); // so that a later Identify is a stat
        return splits;
    }

    private static DataSplits Parse(string folder, IdxFile[] files, int validationSize)
    {
        var train = IdxReader.ToDataset(files[0], files[1]);
        var test = IdxReader.ToDataset(files[2], files[3]);
        if (train.Features != test.Features)
            throw new DataFormatException(
                $"{files[2].Path}: expected images of {train.Features} pixels like {files[0].Path}, found {test.Features}");
        var checksum = DataChecksum.Combine(files.Select(f => f.Sha256));
        return DataSplits.FromTrainAndTest(Path.GetFileName(folder), train, test, validationSize, checksum);
    }

    /// <summary>The path of every file of <see cref="MnistFiles.Names"/> in order; reports every missing file at once.</summary>
    private static string[] LocateAll(string folder)
    {
        folder = FullFolderPath(folder);
        var paths = MnistFiles.Names.Select(name => MnistFiles.Locate(folder, name)).ToArray();
        var missing = MnistFiles.Names.Where((_, i) => paths[i] is null).ToArray();
        if (missing.Length > 0)
            throw new DataFormatException(
                $"{folder}: missing {string.Join(", ", missing.Select(n => $"{n}[.gz]"))}; expected the four IDX files " +
                $"{FileList()}. Hint: run `./sweep data get mnist` (optionally with --data-dir), " +
                $"or pass --data-dir / ${DataRoot.EnvironmentVariable} pointing to the folder that holds mnist/.");
        return paths!;
    }

    /// <summary>Reads and gunzips the files side by side: that dominates, and they are independent.</summary>
    private static IdxFile[] ReadAll(string[] paths)
    {
        var files = new IdxFile[paths.Length];
        Parallel.For(0, paths.Length, i => files[i] = IdxFile.Read(paths[i]));
        return files;
    }

    // One spelling per folder, so "x" and "x/" share a cache entry and the name is never empty.
    private static string FullFolderPath(string folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));

    private static bool LooksLikePath(string text) =>
        text.Contains('/') || text.Contains('\\') || text.StartsWith('.') || text.StartsWith('~');

    private static string FileList() => string.Join(", ", MnistFiles.Names.Select(n => $"{n}[.gz]"));
}
