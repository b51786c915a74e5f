using System.Collections.Concurrent;

namespace Sweep.Engine.Data;

/// <summary>
/// Turns a dataset name ("mnist") or a folder path into <see cref="DataSplits"/>.
/// A name resolves to &lt;data root&gt;/&lt;name&gt; (see <see cref="DataRoot"/>); any folder holding the four standard
/// IDX files (<see cref="MnistFiles.Names"/>, each raw or .gz) works as a path.
/// Loads are cached per process by full path and validation size, because a sweep trains many times in one
/// process; callers must treat the returned arrays as read-only. Non-goal: noticing files changed mid-process.
/// </summary>
public static class DatasetCatalog
{
    public const int DefaultValidationSize = 10_000;

    /// <summary>Names accepted besides folder paths; each is a folder of the same name under the data root.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = ["mnist"];

    private static readonly ConcurrentDictionary<(string Folder, int ValidationSize), Lazy<DataSplits>> Cache = new();

    public static bool IsKnownName(string name) => KnownNames.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Loads <paramref name="nameOrPath"/> (a known name or a folder path), holding out the last
    /// <paramref name="validationSize"/> training examples for validation. <paramref name="dataDir"/> overrides
    /// the data root for names. Throws <see cref="UnknownDatasetException"/> or <see cref="DataFormatException"/>.
    /// </summary>
    public static DataSplits Load(string nameOrPath, string? dataDir = null, int validationSize = DefaultValidationSize)
    {
        var folder = ResolveFolder(nameOrPath, dataDir);
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
        var paths = MnistFiles.Names.Select(name => MnistFiles.Locate(folder, name)).ToArray();
        var missing = MnistFiles.Names.Where((_, i) => paths[i] is null).ToArray();
        if (missing.Length > 0)
            throw new DataFormatException(
                $"{folder}: missing {string.Join(", ", missing.Select(n => $"{n}[.gz]"))}; expected the four IDX files " +
                $"{FileList()}. Hint: run `./sweep data get mnist` (optionally with --data-dir), " +
                $"or pass --data-dir / ${DataRoot.EnvironmentVariable} pointing to the folder that holds mnist/.");

        // Reading + gunzip dominates; the two halves are independent, so read them side by side.
        var files = new IdxFile[paths.Length];
        Parallel.For(0, paths.Length, i => files[i] = IdxFile.Read(paths[i]!));
        var train = IdxReader.ToDataset(files[0], files[1]);
        var test = IdxReader.ToDataset(files[2], files[3]);
        if (train.Features != test.Features)
            throw new DataFormatException(
                $"{files[2].Path}: expected images of {train.Features} pixels like {files[0].Path}, found {test.Features}");
        var checksum = DataChecksum.Combine(files.Select(f => f.Sha256));
        return DataSplits.FromTrainAndTest(Path.GetFileName(folder), train, test, validationSize, checksum);
    }

    /// <summary>Forgets every cached load (tests use it; a process normally never needs to).</summary>
    public static void ClearCache() => Cache.Clear();

    // One spelling per folder, so "x" and "x/" share a cache entry and the name is never empty.
    private static string FullFolderPath(string folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));

    private static bool LooksLikePath(string text) =>
        text.Contains('/') || text.Contains('\\') || text.StartsWith('.') || text.StartsWith('~');

    private static string FileList() => string.Join(", ", MnistFiles.Names.Select(n => $"{n}[.gz]"));
}
