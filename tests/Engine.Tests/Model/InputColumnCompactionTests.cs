using Sweep.Engine.Model;
using Sweep.Engine.Randomness;

namespace Sweep.Engine.Tests.Model;

public class InputColumnCompactionTests
{
    [Theory]
    [InlineData(new[] { 40, 32 })]
    [InlineData(new[] { 40, 23, 10 })]
    public void SkippingBlankInputColumns_GivesTheSameLogitsAndGradients_AsTheDenseProducts(int[] widths)
    {
        const int batch = 9;
        var random = new DeterministicRandom(12);
        var network = Network.Create(widths, WeightInit.He, random);
        // Like MNIST borders: every third column is blank in every example, the rest are sparse.
        var input = new float[batch * widths[0]];
        for (var i = 0; i < input.Length; i++)
            input[i] = i % widths[0] % 3 == 0 || random.NextDouble() < 0.5 ? 0f : (float)random.NextDouble();
        var labels = Enumerable.Range(0, batch).Select(i => (byte)(i % widths[^1])).ToArray();

        var compacted = new NetworkWorkspace(network, batch, compactBlankInputs: true);
        var dense = new NetworkWorkspace(network, batch, compactBlankInputs: false);
        var compactLogits = compacted.Forward(input, batch).ToArray();
        var denseLogits = dense.Forward(input, batch).ToArray();
        compacted.Backward(input, labels, batch);
        dense.Backward(input, labels, batch);

        Assert.Equal(denseLogits, compactLogits);
        for (var l = 0; l < network.Layers.Count; l++)
        {
            Assert.Equal(dense.Gradients.Weights[l], compacted.Gradients.Weights[l]);
            Assert.Equal(dense.Gradients.Biases[l], compacted.Gradients.Biases[l]);
        }
    }

    [Fact]
    public void Compact_KeepsExactlyTheColumnsWithANonZeroValue()
    {
        var compaction = new InputColumnCompaction(inFeatures: 6, outFeatures: 2, maxBatch: 2);
        float[] input = [0, 1, 0, 0, 0, 0,
                         0, 0, 0, -2, 0, 0];
        var weights = Enumerable.Range(0, 12).Select(i => (float)i).ToArray();

        compaction.Compact(input, 2);

        Assert.Equal(2, compaction.ActiveCount);
        Assert.Equal([1f, 0f, 0f, -2f], compaction.CompactInput(2).ToArray());
        Assert.Equal([1, 3], compaction.KeptFeatures.ToArray());
        // The product reads weight rows 1 and 3 ([2, 3] and [6, 7]) in place: [1·2 + 0·6, 1·3 + 0·7], [0·2 − 2·6, 0·3 − 2·7].
        var z = new float[4];
        compaction.MultiplyByKeptWeights(z, 2, weights);
        Assert.Equal([2f, 3f, -12f, -14f], z);
    }

    [Fact]
    public void Compact_CopiesRunsOfEveryLength_AsAColumnByColumnGather()
    {
        // Kept runs of 1, 7, 8, 9, 17 and 40 columns (vector copies, their tails, and runs shorter than a vector), blanks between.
        int[] runLengths = [1, 7, 8, 9, 17, 40];
        var blank = new List<int>();
        var column = 0;
        foreach (var length in runLengths)
        {
            blank.Add(column);
            column += 1 + length;
        }
        var inFeatures = column + 3;
        blank.AddRange([inFeatures - 3, inFeatures - 2, inFeatures - 1]);
        const int batch = 5;
        var random = new DeterministicRandom(3);
        var input = new float[batch * inFeatures];
        for (var i = 0; i < input.Length; i++) input[i] = blank.Contains(i % inFeatures) ? 0f : 1f + (float)random.NextDouble();
        var compaction = new InputColumnCompaction(inFeatures, outFeatures: 32, maxBatch: batch);

        compaction.Compact(input, batch);

        var kept = Enumerable.Range(0, inFeatures).Where(c => !blank.Contains(c)).ToArray();
        Assert.Equal(kept, compaction.KeptFeatures.ToArray());
        var expected = Enumerable.Range(0, batch).SelectMany(row => kept.Select(c => input[row * inFeatures + c])).ToArray();
        Assert.Equal(expected, compaction.CompactInput(batch).ToArray());
    }
}
