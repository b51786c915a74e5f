using Sweep.Engine.Data;
using Sweep.Engine.Model;
using Sweep.Engine.Randomness;

namespace Sweep.Engine.Tests.Model;

/// <summary>
/// The first layer's compaction reading a shuffled batch straight from the 8-bit dataset: on real MNIST it keeps the same
/// columns and gathers the same floats, bit for bit, as compacting the batch of floats the trainer used to gather.
/// </summary>
public class PixelRowCompactionTests
{
    private static readonly Lazy<Dataset> Train = new(() => DatasetCatalog.Load(TestData.MnistFolder).Train);

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(2, false)]
    public void CompactingPixelRows_KeepsTheSameColumns_AndGathersTheSameFloats_AsCompactingTheBatchOfFloats(int threads, bool skipBlankColumns)
    {
        const int batch = 100;
        var train = Train.Value;
        var order = Enumerable.Range(0, train.Count).ToArray();
        new DeterministicRandom(5).Shuffle(order);
        var fromFloats = new InputColumnCompaction(train.Features, 500, batch, threads, skipBlankColumns);
        var fromBytes = new InputColumnCompaction(train.Features, 500, batch, threads, skipBlankColumns);
        var images = new float[batch * train.Features];

        // Whole batches, and a short last one (the rows of an epoch's end).
        foreach (var (start, rows) in new[] { (0, batch), (batch, batch), (train.Count - 37, 37) })
        {
            for (var i = 0; i < rows; i++) train.Images.AsSpan(order[start + i] * train.Features, train.Features).CopyTo(images.AsSpan(i * train.Features));
            fromFloats.Compact(images.AsSpan(0, rows * train.Features), rows);
            fromBytes.Compact(new ShuffledPixelRows(train.PixelBytes!, train.Features, order, start), rows);

            Assert.Equal(fromFloats.KeptFeatures.ToArray(), fromBytes.KeptFeatures.ToArray());
            Assert.True(skipBlankColumns ? fromBytes.ActiveCount < train.Features : fromBytes.ActiveCount == train.Features, $"{fromBytes.ActiveCount} kept");
            Assert.True(fromFloats.CompactInput(rows).SequenceEqual(fromBytes.CompactInput(rows)), $"compact input of rows from {start}");
        }
    }

    [Fact]
    public void APixelRowOutsideTheDataset_IsRefused_NamingIt()
    {
        var compaction = new InputColumnCompaction(4, 32, 2);
        var pixels = new byte[3 * 4];

        var error = Assert.Throws<ArgumentException>(() => compaction.Compact(new ShuffledPixelRows(pixels, 4, [0, 1, 3], 1), 2));

        Assert.Equal("row 1 names example 3, outside [0, 3)", error.Message);
        Assert.Throws<ArgumentException>(() => compaction.Compact(new ShuffledPixelRows(pixels, 4, [0, 1, 2], 2), 2)); // past the order
        Assert.Throws<ArgumentException>(() => compaction.Compact(new ShuffledPixelRows(pixels, 3, [0, 1, 2], 0), 2)); // other width
    }
}
