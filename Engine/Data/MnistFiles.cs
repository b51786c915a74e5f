namespace Sweep.Engine.Data;

/// <summary>
/// The four standard IDX file names (MNIST and look-alikes such as Fashion-MNIST share them) and the known
/// SHA-256 of the real MNIST files, against which every download and every load of the named dataset `mnist` is
/// verified. The hashes are of the UNCOMPRESSED bytes whether the file on disk is raw or .gz: a gzip wrapper holds a
/// timestamp and a file name, so the same data compressed twice hashes differently, while the content is what trains.
/// </summary>
public static class MnistFiles
{
    public const string TrainImages = "train-images-idx3-ubyte";
    public const string TrainLabels = "train-labels-idx1-ubyte";
    public const string TestImages = "t10k-images-idx3-ubyte";
    public const string TestLabels = "t10k-labels-idx1-ubyte";
    public const string GzipSuffix = ".gz";

    /// <summary>Digits 0..9: every label must be below this.</summary>
    public const int Classes = 10;

    /// <summary>The fixed order used everywhere, including <see cref="DataChecksum.Combine"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [TrainImages, TrainLabels, TestImages, TestLabels];

    private static readonly Dictionary<string, string> KnownSha256 = new()
    {
        [TrainImages] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        [TrainLabels] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        [TestImages] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        [TestLabels] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };

    /// <summary>SHA-256 (lower-case hex) of the uncompressed real MNIST file <paramref name="name"/>.</summary>
    public static string ExpectedSha256(string name) =>
        KnownSha256.TryGetValue(name, out var hash)
            ? hash
            : throw new ArgumentException($"'{name}' is not one of the MNIST files: {string.Join(", ", Names)}", nameof(name));

    /// <summary>
    /// Throws a <see cref="DataFormatException"/> naming every file of <paramref name="paths"/> (in <see cref="Names"/>
    /// order) whose uncompressed SHA-256 in <paramref name="hashes"/> is not the real MNIST file's.
    /// </summary>
    public static void Verify(IReadOnlyList<string> paths, IReadOnlyList<string> hashes)
    {
        var mismatches = Names
            .Select((name, i) => (Path: paths[i], Expected: ExpectedSha256(name), Found: hashes[i]))
            .Where(file => file.Found != file.Expected)
            .Select(file => $"{file.Path}: not the MNIST file; expected sha256 {file.Expected} (of the uncompressed bytes), found {file.Found}")
            .ToList();
        if (mismatches.Count > 0)
            throw new DataFormatException(string.Join("; ", mismatches) +
                ". The name 'mnist' stands for the real MNIST files: give another dataset as a folder path " +
                "(e.g. --dataset ./my-data), or run `./sweep data get mnist` to replace these files with verified ones.");
    }

    /// <summary>The dataset checksum that real MNIST loads with (see <see cref="DataChecksum.Combine"/>).</summary>
    public static string ExpectedChecksum { get; } = DataChecksum.Combine(Names.Select(ExpectedSha256));

    /// <summary>
    /// The path of <paramref name="name"/> in <paramref name="folder"/>, raw or with .gz, or null when neither exists.
    /// Raw wins when both exist: it loads without decompressing.
    /// </summary>
    public static string? Locate(string folder, string name)
    {
        var raw = Path.Combine(folder, name);
        if (File.Exists(raw)) return raw;
        var gzip = raw + GzipSuffix;
        return File.Exists(gzip) ? gzip : null;
    }
}
