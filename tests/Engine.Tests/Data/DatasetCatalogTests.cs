using System.IO.Compression;
using System.Security.Cryptography;
using Sweep.Engine.Data;

namespace Sweep.Engine.Tests.Data;

public sealed class DatasetCatalogTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Load_ReadsRealMnist_As50kTrain10kValidation10kTest()
    {
        var splits = DatasetCatalog.Load("mnist", TestData.DataRoot);

        Assert.Equal("mnist", splits.Name);
        Assert.Equal((50_000, 10_000, 10_000), (splits.Train.Count, splits.Validation.Count, splits.Test.Count));
        Assert.All(new[] { splits.Train, splits.Validation, splits.Test }, d => Assert.Equal((784, 10), (d.Features, d.Classes)));
        Assert.Equal(5, splits.Train.Labels[0]);
        Assert.Equal(7, splits.Test.Labels[0]);
        Assert.Equal(Enumerable.Range(0, 10), splits.Train.Labels.Distinct().Order().Select(l => (int)l));
        Assert.Equal(0f, splits.Train.Images.Min());
        Assert.Equal(1f, splits.Train.Images.Max());
        Assert.Equal(MnistFiles.ExpectedChecksum, splits.Checksum);
    }

    [Fact]
    public void Load_HoldsOutTheRequestedValidationSize_FromTheEndOfTheTrainingFile()
    {
        var splits = DatasetCatalog.Load(TestData.MnistFolder, validationSize: 5_000);

        Assert.Equal((55_000, 5_000, 10_000), (splits.Train.Count, splits.Validation.Count, splits.Test.Count));
        var whole = DatasetCatalog.Load(TestData.MnistFolder, validationSize: 0);
        Assert.Equal(whole.Train.Labels[55_000..], splits.Validation.Labels);
    }

    [Fact]
    public void Load_ReturnsTheCachedSplits_WhenTheSameFolderIsLoadedTwice()
    {
        var first = DatasetCatalog.Load("mnist", TestData.DataRoot);
        var second = DatasetCatalog.Load(TestData.MnistFolder + "/");

        Assert.Same(first, second);
    }

    [Fact]
    public void Load_AcceptsAnyFolderOfRawIdxFiles_AndChecksumsTheUncompressedBytes()
    {
        IdxTestFiles.WriteDataset(_temp.Path, trainCount: 30, testCount: 7, gzip: false);
        var gzipped = _temp.Subfolder("gz");
        IdxTestFiles.WriteDataset(gzipped, trainCount: 30, testCount: 7, gzip: true);

        var raw = DatasetCatalog.LoadFolder(_temp.Path, validationSize: 10);
        var compressed = DatasetCatalog.LoadFolder(gzipped, validationSize: 10);

        Assert.Equal((20, 10, 7, 6), (raw.Train.Count, raw.Validation.Count, raw.Test.Count, raw.Train.Features));
        Assert.Equal(raw.Checksum, compressed.Checksum);
        Assert.Equal("gz", compressed.Name);
    }

    [Fact]
    public void Load_FailsListingTheKnownNamesAndAcceptingAFolder_WhenTheNameIsUnknown()
    {
        var error = Assert.Throws<UnknownDatasetException>(() => DatasetCatalog.Load("cifar10", _temp.Path));

        Assert.Contains("'cifar10'", error.Message);
        Assert.Contains("mnist", error.Message);
        Assert.Contains("folder path", error.Message);
    }

    [Fact]
    public void Load_ListsEveryMissingFileWithAHint_WhenTheFolderIsIncomplete()
    {
        var folder = _temp.Subfolder("mnist");
        IdxTestFiles.Write(Path.Combine(folder, "train-labels-idx1-ubyte.gz"), IdxTestFiles.Labels([1]), gzip: true);

        var error = Assert.Throws<DataFormatException>(() => DatasetCatalog.Load("mnist", _temp.Path));

        Assert.Contains(folder, error.Message);
        Assert.Contains("train-images-idx3-ubyte", error.Message);
        Assert.Contains("t10k-images-idx3-ubyte", error.Message);
        Assert.Contains("t10k-labels-idx1-ubyte", error.Message);
        Assert.DoesNotContain("missing train-labels", error.Message);
        Assert.Contains("./sweep data get mnist", error.Message);
        Assert.Contains("--data-dir", error.Message);
    }

    [Fact]
    public void Load_FailsNamingBothFiles_WhenTrainAndTestImageSizesDiffer()
    {
        IdxTestFiles.WriteDataset(_temp.Path, trainCount: 12, testCount: 4, rows: 2, cols: 3, testRows: 3);

        var error = Assert.Throws<DataFormatException>(() => DatasetCatalog.Load(_temp.Path, validationSize: 2));

        Assert.Contains("t10k-images-idx3-ubyte", error.Message);
        Assert.Contains("train-images-idx3-ubyte", error.Message);
        Assert.Contains("expected images of 6 pixels", error.Message);
        Assert.Contains("found 9", error.Message);
    }

    [Fact]
    public void Load_FailsAgainAfterAFailure_InsteadOfCachingIt()
    {
        Assert.Throws<DataFormatException>(() => DatasetCatalog.Load(_temp.Path, validationSize: 2));
        IdxTestFiles.WriteDataset(_temp.Path, trainCount: 12, testCount: 4);

        var splits = DatasetCatalog.Load(_temp.Path, validationSize: 2);

        Assert.Equal(10, splits.Train.Count);
    }

    [Fact]
    public void ResolveFolder_PutsKnownNamesUnderTheDataRoot()
    {
        Assert.Equal(Path.Combine(_temp.Path, "mnist"), DatasetCatalog.ResolveFolder("MNIST", _temp.Path));
    }

    private ChecksumCache TempChecksums() => new(_temp.File("cache/checksums.tsv"));

    [Fact]
    public void Identify_GivesTheChecksumALoadGives_ForTheNameMnistAndForAFolder()
    {
        var folder = _temp.Subfolder("small");
        IdxTestFiles.WriteDataset(folder, trainCount: 12, testCount: 4, gzip: true);

        Assert.Equal(MnistFiles.ExpectedChecksum, DatasetCatalog.Identify("mnist", TestData.DataRoot, TempChecksums()));
        Assert.Equal(DatasetCatalog.LoadFolder(folder, 2).Checksum, DatasetCatalog.Identify(folder, checksums: TempChecksums()));
    }

    [Fact]
    public void Identify_ReadsNoDataFile_WhileTheCachedSizeAndTimeMatch_AndReadsAgainOnceTheFileChanged()
    {
        var folder = _temp.Subfolder("small");
        IdxTestFiles.WriteDataset(folder, trainCount: 12, testCount: 4);
        var checksum = DatasetCatalog.Identify(folder, checksums: TempChecksums());
        var images = Path.Combine(folder, MnistFiles.TrainImages);
        var stamp = File.GetLastWriteTimeUtc(images);
        File.WriteAllBytes(images, new byte[new FileInfo(images).Length]); // same size, magic 0: not an IDX file

        File.SetLastWriteTimeUtc(images, stamp);
        Assert.Equal(checksum, DatasetCatalog.Identify(folder, checksums: TempChecksums()));

        File.SetLastWriteTimeUtc(images, stamp.AddSeconds(1));
        var error = Assert.Throws<DataFormatException>(() => DatasetCatalog.Identify(folder, checksums: TempChecksums()));
        Assert.Contains(images, error.Message);
        Assert.Contains("wrong magic number", error.Message);
    }

    [Fact]
    public void Identify_OfAFolder_CachesNothing_WhenItsFilesDoNotParse()
    {
        var folder = _temp.Subfolder("swapped");
        IdxTestFiles.WriteDataset(folder, trainCount: 12, testCount: 4);
        File.Move(Path.Combine(folder, MnistFiles.TestImages), Path.Combine(folder, "x"));
        File.Move(Path.Combine(folder, MnistFiles.TestLabels), Path.Combine(folder, MnistFiles.TestImages));
        File.Move(Path.Combine(folder, "x"), Path.Combine(folder, MnistFiles.TestLabels));
        var checksums = TempChecksums();

        Assert.Throws<DataFormatException>(() => DatasetCatalog.Identify(folder, checksums: checksums));
        Assert.Null(checksums.Lookup(MnistFiles.Names.Select(name => Path.Combine(folder, name)).ToList()));
    }

    [Fact]
    public void LoadAndIdentify_RefuseFilesUnderTheNameMnistThatAreNotMnist_NamingEachFileWithBothHashes()
    {
        var folder = _temp.Subfolder("mnist");
        IdxTestFiles.WriteDataset(folder, trainCount: 12, testCount: 4); // valid IDX, another dataset

        foreach (var attempt in new Func<object>[] { () => DatasetCatalog.Load("mnist", _temp.Path, 2), () => DatasetCatalog.Identify("mnist", _temp.Path, TempChecksums()) })
        {
            var error = Assert.Throws<DataFormatException>(attempt);
            foreach (var name in MnistFiles.Names)
            {
                var path = Path.Combine(folder, name);
                Assert.Contains($"{path}: not the MNIST file; expected sha256 {MnistFiles.ExpectedSha256(name)} (of the uncompressed bytes), " +
                                $"found {DataChecksum.Sha256HexOfFile(path)}", error.Message);
            }
            Assert.Contains("folder path", error.Message);
        }
        Assert.Equal(10, DatasetCatalog.Load(folder, validationSize: 2).Train.Count); // the same files, given as a folder, load
    }

    [Fact]
    public void Load_VerifiesMnistByItsUncompressedContent_WhetherAFileIsRawOrCompressedByAnotherTool()
    {
        var folder = _temp.Subfolder("mnist");
        foreach (var name in new[] { MnistFiles.TrainImages, MnistFiles.TrainLabels })
            File.Copy(Path.Combine(TestData.MnistFolder, name + ".gz"), Path.Combine(folder, name + ".gz"));
        var testImages = Unzip(Path.Combine(TestData.MnistFolder, MnistFiles.TestImages + ".gz"));
        File.WriteAllBytes(Path.Combine(folder, MnistFiles.TestImages), testImages);
        var testLabels = Unzip(Path.Combine(TestData.MnistFolder, MnistFiles.TestLabels + ".gz"));
        IdxTestFiles.Write(Path.Combine(folder, MnistFiles.TestLabels + ".gz"), testLabels, gzip: true); // other gzip bytes
        Assert.NotEqual(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, MnistFiles.TestLabels + ".gz"))),
                        SHA256.HashData(File.ReadAllBytes(Path.Combine(TestData.MnistFolder, MnistFiles.TestLabels + ".gz"))));

        Assert.Equal(MnistFiles.ExpectedChecksum, DatasetCatalog.Identify("mnist", _temp.Path, TempChecksums()));
        Assert.Equal(MnistFiles.ExpectedChecksum, DatasetCatalog.Load("mnist", _temp.Path).Checksum);
    }

    private static byte[] Unzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        return bytes.ToArray();
    }
}
