using Sweep.Engine.Data;

namespace Sweep.Engine.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_ScalesBytesToUnitFloats_ForRawAndGzipFiles(bool gzip)
    {
        var path = IdxTestFiles.Write(_temp.File("images"), IdxTestFiles.Images(2, 1, 3, [0, 255, 51, 102, 204, 1]), gzip);

        var images = IdxReader.ReadImages(path);

        Assert.Equal((2, 1, 3, 3), (images.Count, images.Rows, images.Cols, images.Features));
        Assert.Equal([0f, 1f, 51 / 255f, 102 / 255f, 204 / 255f, 1 / 255f], images.Pixels);
    }

    [Fact]
    public void ReadDataset_PairsImagesWithLabels_WhenCountsAgree()
    {
        var images = IdxTestFiles.Write(_temp.File("images.gz"), IdxTestFiles.Images(3, 2, 2), gzip: true);
        var labels = IdxTestFiles.Write(_temp.File("labels"), IdxTestFiles.Labels([7, 0, 9]), gzip: false);

        var dataset = IdxReader.ReadDataset(images, labels);

        Assert.Equal((3, 4, 10), (dataset.Count, dataset.Features, dataset.Classes));
        Assert.Equal([7, 0, 9], dataset.Labels);
    }

    [Fact]
    public void Read_FailsNamingTheFileAndTheDataCommand_WhenTheFileIsMissing()
    {
        var path = _temp.File("train-images-idx3-ubyte");

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not found", error.Message);
        Assert.Contains("./sweep data get mnist", error.Message);
        Assert.Contains("--data-dir", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_FailsWithExpectedAndFoundMagic_WhenTheMagicIsWrong(bool gzip)
    {
        var path = IdxTestFiles.Write(_temp.File("images"), IdxTestFiles.Images(1, 2, 2, magic: 0x00000804), gzip);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("expected 0x00000803", error.Message);
        Assert.Contains("found 0x00000804", error.Message);
    }

    [Fact]
    public void ReadImages_SuggestsTheFilesAreSwapped_WhenGivenALabelsFile()
    {
        var path = IdxTestFiles.Write(_temp.File("labels"), IdxTestFiles.Labels([1, 2, 3, 4, 5, 6, 7, 8, 9]), gzip: false);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("found 0x00000801", error.Message);
        Assert.Contains("swapped", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_FailsWithExpectedAndFoundByteCounts_WhenTheDataIsTruncated(bool gzip)
    {
        var whole = IdxTestFiles.Images(3, 2, 2); // 16 + 12 bytes
        var path = IdxTestFiles.Write(_temp.File("images"), whole[..^5], gzip);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("expected 28 bytes", error.Message);
        Assert.Contains("found 23", error.Message);
    }

    [Fact]
    public void ReadLabels_FailsWithExpectedAndFoundByteCounts_WhenTheHeaderIsTruncated()
    {
        var path = IdxTestFiles.Write(_temp.File("labels"), [0, 0, 8, 1, 0], gzip: false);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("expected 8 bytes, found 5", error.Message);
    }

    [Fact]
    public void ReadLabels_FailsWithTheValueAndIndex_WhenALabelIsOutOfRange()
    {
        var path = IdxTestFiles.Write(_temp.File("labels.gz"), IdxTestFiles.Labels([3, 9, 0, 12, 4]), gzip: true);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("label 12 at index 3", error.Message);
        Assert.Contains("[0, 9]", error.Message);
    }

    [Fact]
    public void ReadDataset_FailsWithBothCounts_WhenImagesAndLabelsDisagree()
    {
        var images = IdxTestFiles.Write(_temp.File("images"), IdxTestFiles.Images(4, 2, 2), gzip: false);
        var labels = IdxTestFiles.Write(_temp.File("labels"), IdxTestFiles.Labels([1, 2, 3]), gzip: false);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadDataset(images, labels));

        Assert.Contains(labels, error.Message);
        Assert.Contains(images, error.Message);
        Assert.Contains("expected 4 labels", error.Message);
        Assert.Contains("found 3", error.Message);
    }

    [Fact]
    public void Read_FailsNamingTheFile_WhenTheGzipStreamIsCorrupt()
    {
        var path = IdxTestFiles.Write(_temp.File("images.gz"), IdxTestFiles.Images(3, 2, 2), gzip: true);
        var bytes = File.ReadAllBytes(path);
        for (var i = 10; i < bytes.Length - 8; i++) bytes[i] ^= 0x5a;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message);
    }
}
