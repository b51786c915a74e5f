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
    public void LoadFolder_ReadsTheGzippedRealMnist_InAFewSeconds_EvenOnABusyTwoCoreMachine()
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        DatasetCatalog.LoadFolder(TestData.MnistFolder);

        // Typically well under a second; the bound is loose so a shared CI machine never flakes, yet catches
        // a regression to per-byte stream reads, which takes tens of seconds.
        Assert.InRange(stopwatch.Elapsed.TotalSeconds, 0, 5);
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
}
