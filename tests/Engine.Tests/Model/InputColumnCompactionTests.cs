using Sweep.Engine.Kernels;
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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)] // more threads than segments: the segments one after the other, each product on every thread
    public void TheFirstLayer_IsEachSegmentsChainOfMultiplyAdds_SummedInSegmentOrder_ThenTheBiasAndReLU(int threads)
    {
        const int inFeatures = 61;
        var random = new DeterministicRandom(21);
        // Blank columns on both sides of the segments' boundary (30), so each segment skips some.
        var compaction = CheckAgainstTheNaiveLoop(inFeatures, threads, random,
            (row, column) => column % 4 == 1 || random.NextDouble() < 0.3 ? 0f : (float)(random.NextDouble() - 0.3));

        Assert.Equal(30, compaction.SegmentStart(1));
        Assert.InRange(compaction.ActiveCount, 1, inFeatures - 15);
    }

    [Theory]
    [InlineData(1, "every column")]   // both segments start at column 0: the first is empty
    [InlineData(40, "no column")]     // all blank: no kept input, products of depth 0
    [InlineData(40, "the first half")] // the second segment keeps nothing
    [InlineData(40, "the second half")]
    public void TheFirstLayer_IsRight_WhenASegmentKeepsNoColumn(int inFeatures, string kept)
    {
        foreach (var threads in new[] { 1, 2, 4 })
        {
            var random = new DeterministicRandom(5);
            var compaction = CheckAgainstTheNaiveLoop(inFeatures, threads, random, (row, column) =>
                kept switch
                {
                    "no column" => 0f,
                    "the first half" when column >= inFeatures / 2 => 0f,
                    "the second half" when column < inFeatures / 2 => 0f,
                    _ => (float)(random.NextDouble() + 0.1),
                });
            Assert.Equal(kept == "no column" ? 0 : kept == "every column" ? inFeatures : inFeatures / 2, compaction.ActiveCount);
        }
    }

    /// <summary>
    /// The forward (Σ segments in order, + b, ReLU) and the compact weight gradient against the naive loop over each
    /// segment's columns, blank ones included (they add exact zeros); returns the compaction for more checks.
    /// </summary>
    private static InputColumnCompaction CheckAgainstTheNaiveLoop(int inFeatures, int threads, DeterministicRandom random, Func<int, int, float> value)
    {
        const int batch = 13, outFeatures = 40;
        var input = new float[batch * inFeatures];
        for (var i = 0; i < input.Length; i++) input[i] = value(i / inFeatures, i % inFeatures);
        var weights = Enumerable.Range(0, inFeatures * outFeatures).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var biases = Enumerable.Range(0, outFeatures).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var delta = Enumerable.Range(0, batch * outFeatures).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var compaction = new InputColumnCompaction(inFeatures, outFeatures, batch, threads);

        compaction.Compact(input, batch);
        var z = new float[batch * outFeatures];
        var counted = Gemm.MultiplyAddsOnThisThread;
        compaction.MultiplyByKeptWeights(z, batch, weights);
        compaction.AddSegmentsBiasAndActivate(z, biases, batch, relu: true);
        // Every segment's multiply-adds count on the caller's thread, whichever thread ran them (the bench's floor reads them there).
        Assert.Equal((long)batch * outFeatures * compaction.ActiveCount, Gemm.MultiplyAddsOnThisThread - counted);
        compaction.WeightGradient(delta, batch);

        var expected = new float[batch * outFeatures];
        var segments = Enumerable.Range(0, InputColumnCompaction.Segments).Select(segment =>
        {
            var (first, end) = (compaction.SegmentStart(segment), compaction.SegmentStart(segment + 1));
            var x = Enumerable.Range(0, batch).SelectMany(row => input.Skip(row * inFeatures + first).Take(end - first)).ToArray();
            var product = new float[batch * outFeatures];
            GemmReference.Multiply(x, weights.AsSpan(first * outFeatures, (end - first) * outFeatures), product, batch, outFeatures, end - first,
                transA: false, transB: false, accumulate: false);
            return product;
        }).ToArray();
        for (var i = 0; i < expected.Length; i++)
            expected[i] = MathF.Max((segments[0][i] + segments[1][i]) + biases[i % outFeatures], 0f);
        Assert.Equal(expected, z);

        // dW's row of each kept feature: that input column · delta, rows in order.
        var kept = compaction.KeptFeatures.ToArray();
        var column = kept.SelectMany(feature => Enumerable.Range(0, batch).Select(row => input[row * inFeatures + feature])).ToArray();
        var gradient = new float[kept.Length * outFeatures];
        GemmReference.Multiply(column, delta, gradient, kept.Length, outFeatures, batch, transA: false, transB: false, accumulate: false);
        Assert.Equal(gradient, compaction.CompactGradient.ToArray());
        return compaction;
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
        // Segment by segment (features 0-2, then 3-5): column 1 of both rows, then column 3 of both rows.
        Assert.Equal([1f, 0f, 0f, -2f], compaction.CompactInput(2).ToArray());
        Assert.Equal([1, 3], compaction.KeptFeatures.ToArray());
        // The products read weight rows 1 and 3 ([2, 3] and [6, 7]) in place: [1·2 + 0·6, 1·3 + 0·7], [0·2 − 2·6, 0·3 − 2·7],
        // the first segment's into z, the second's added with the (zero) biases.
        var z = new float[4];
        compaction.MultiplyByKeptWeights(z, 2, weights);
        Assert.Equal([2f, 3f, 0f, 0f], z);
        compaction.AddSegmentsBiasAndActivate(z, new float[2], 2, relu: false);
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
        // The 17-column run (30-46) crosses the second segment's start (45): its columns go to both segments' blocks.
        Assert.Equal(45, compaction.SegmentStart(1));
        var expected = Enumerable.Range(0, InputColumnCompaction.Segments).SelectMany(segment => Enumerable.Range(0, batch).SelectMany(row =>
            kept.Where(c => c >= compaction.SegmentStart(segment) && c < compaction.SegmentStart(segment + 1)).Select(c => input[row * inFeatures + c]))).ToArray();
        Assert.Equal(expected, compaction.CompactInput(batch).ToArray());
    }
}
