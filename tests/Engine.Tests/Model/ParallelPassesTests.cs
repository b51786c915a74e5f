using Sweep.Engine.Kernels;
using Sweep.Engine.Model;
using Sweep.Engine.Randomness;

namespace Sweep.Engine.Tests.Model;

/// <summary>
/// The element-wise passes of a step, split across threads: on shapes big enough to split (batch 100 × 509 features,
/// 509 having a vector remainder), 1, 2 and 3 threads give the bits of a plain loop written out here.
/// </summary>
public class ParallelPassesTests
{
    private const int Batch = 100, Features = 509;
    private static readonly int[] ThreadCounts = [1, 2, 3];

    [Fact]
    public void AddBiasAndActivate_EqualsThePlainLoop_ForAnyThreadCount()
    {
        var z = Values(Batch * Features, 1);
        var biases = Values(Features, 2);
        foreach (var relu in new[] { true, false })
        {
            var expected = z.Select((value, i) => relu ? MathF.Max(value + biases[i % Features], 0f) : value + biases[i % Features]).ToArray();
            foreach (var threads in ThreadCounts)
            {
                var actual = (float[])z.Clone();
                Relu.AddBiasAndActivate(actual, biases, Batch, relu, threads);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"relu={relu} threads={threads}");
            }
        }
    }

    [Fact]
    public void ReluBackward_EqualsThePlainLoop_ForAnyThreadCount()
    {
        var gradient = Values(Batch * Features, 3);
        var activation = Values(Batch * Features, 4);
        var expected = gradient.Select((g, i) => activation[i] > 0f ? g * 2f : 0f).ToArray();
        foreach (var threads in ThreadCounts)
        {
            var actual = (float[])gradient.Clone();
            Relu.Backward(actual, activation, 2f, threads);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"threads={threads}");
        }
    }

    [Theory]
    [InlineData(Features)]
    [InlineData(10)]
    public void BiasGradient_SumsEachColumnInRowOrder_ForAnyThreadCount(int width)
    {
        var delta = Values(Batch * width, 5);
        var expected = new float[width];
        for (var row = 0; row < Batch; row++)
            for (var c = 0; c < width; c++) expected[c] += delta[row * width + c];
        foreach (var threads in ThreadCounts)
        {
            var sums = Values(width, 6); // stale values must not leak in
            BiasGradient.SumRows(delta, Batch, sums, threads);
            Assert.True(expected.AsSpan().SequenceEqual(sums), $"width={width} threads={threads}");
        }
    }

    [Theory]
    [InlineData(Batch)]
    [InlineData(3)] // fewer rows than threads
    public void FullyConnectedRows_GiveTheBitsOfTheWholeProductThenItsElementwisePass_OnOneToEightThreads(int batch)
    {
        const int classes = 10;
        var x = Values(batch * Features, 11);
        var weights = Values(Features * classes, 12);
        var biases = Values(classes, 13);
        var delta = Values(batch * classes, 14);
        var activation = Values(batch * Features, 15);
        foreach (var relu in new[] { true, false })
        {
            var expected = new float[batch * classes];
            Gemm.Multiply(x, weights, expected, batch, classes, Features);
            Relu.AddBiasAndActivate(expected, biases, batch, relu);
            for (var threads = 1; threads <= 8; threads++)
            {
                var actual = new float[batch * classes];
                var counted = Gemm.MultiplyAddsOnThisThread;
                FullyConnectedRows.Forward(x, weights, biases, actual, batch, relu, threads);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"forward relu={relu} threads={threads}");
                // Counted once, here, whichever threads ran the blocks (the benchmark reads an epoch's work on this thread).
                Assert.Equal((long)batch * Features * classes, Gemm.MultiplyAddsOnThisThread - counted);
            }
        }
        var expectedDelta = new float[batch * Features];
        Gemm.Multiply(delta, weights, expectedDelta, batch, Features, classes, transB: true);
        Relu.Backward(expectedDelta, activation, 2f);
        for (var threads = 1; threads <= 8; threads++)
        {
            var actual = Values(batch * Features, 16); // overwritten, not added to
            var counted = Gemm.MultiplyAddsOnThisThread;
            FullyConnectedRows.InputGradient(delta, weights, classes, activation, actual, 2f, batch, threads);
            Assert.True(expectedDelta.AsSpan().SequenceEqual(actual), $"input gradient threads={threads}");
            Assert.Equal((long)batch * Features * classes, Gemm.MultiplyAddsOnThisThread - counted);
        }
    }

    [Fact]
    public void SoftmaxCrossEntropy_GivesTheSameLossAndGradientBits_ForAnyThreadCount()
    {
        const int classes = 10;
        var logits = Values(Batch * classes, 7).Select(value => value * 8).ToArray();
        var labels = Enumerable.Range(0, Batch).Select(i => (byte)(i * 7 % classes)).ToArray();
        var oneGradient = new float[Batch * classes];
        var one = SoftmaxCrossEntropy.LossAndGradient(logits, labels, Batch, classes, oneGradient, 0.01f, threads: 1);
        // The loss is the row losses summed in row order, each as LossAndCorrect computes it.
        var (reference, _) = SoftmaxCrossEntropy.LossAndCorrect(logits, labels, Batch, classes);
        Assert.Equal(BitConverter.DoubleToInt64Bits(reference), BitConverter.DoubleToInt64Bits(one));
        foreach (var threads in new[] { 2, 3 })
        {
            var gradient = new float[Batch * classes];
            var loss = SoftmaxCrossEntropy.LossAndGradient(logits, labels, Batch, classes, gradient, 0.01f, threads);
            Assert.Equal(BitConverter.DoubleToInt64Bits(one), BitConverter.DoubleToInt64Bits(loss));
            Assert.True(oneGradient.AsSpan().SequenceEqual(gradient), $"threads={threads}");
        }
    }

    [Fact]
    public void InputColumnCompaction_GathersAndScattersTheSame_ForAnyThreadCount()
    {
        const int inFeatures = 784, outFeatures = 300;
        var input = BlankBorderThenSparse(Batch, inFeatures, blankColumns: 100, blankChance: 0.6, seed: 8);
        var weights = Values(inFeatures * outFeatures, 9);
        var single = new InputColumnCompaction(inFeatures, outFeatures, Batch, threads: 1);
        single.Compact(input, Batch);
        Assert.InRange(single.ActiveCount, 1, inFeatures - 100);
        Values(single.ActiveCount * outFeatures, 10).CopyTo(single.CompactGradient);
        var scattered = Values(inFeatures * outFeatures, 11);
        single.ScatterGradient(scattered);
        for (var row = 0; row < 100; row++) Assert.All(scattered.AsSpan(row * outFeatures, outFeatures).ToArray(), value => Assert.Equal(0f, value));

        foreach (var threads in new[] { 2, 3, 4 })
        {
            var parallel = new InputColumnCompaction(inFeatures, outFeatures, Batch, threads);
            parallel.Compact(input, Batch);
            Assert.Equal(single.ActiveCount, parallel.ActiveCount);
            Assert.True(single.CompactInput(Batch).SequenceEqual(parallel.CompactInput(Batch)), $"input, threads={threads}");
            Assert.True(single.KeptFeatures.SequenceEqual(parallel.KeptFeatures), $"kept features, threads={threads}");
            var (one, two) = (new float[Batch * outFeatures], new float[Batch * outFeatures]);
            var biases = Values(outFeatures, 13);
            single.MultiplyByKeptWeights(one, Batch, weights);
            single.AddSegmentsBiasAndActivate(one, biases, Batch, relu: true);
            parallel.MultiplyByKeptWeights(two, Batch, weights);
            parallel.AddSegmentsBiasAndActivate(two, biases, Batch, relu: true);
            Assert.True(one.AsSpan().SequenceEqual(two), $"product, threads={threads}");
            single.CompactGradient.CopyTo(parallel.CompactGradient);
            var gradient = Values(inFeatures * outFeatures, 12);
            parallel.ScatterGradient(gradient);
            Assert.True(scattered.AsSpan().SequenceEqual(gradient), $"scatter, threads={threads}");
            var compactGradient = single.CompactGradient.ToArray();
            single.WeightGradient(one, Batch);
            var biasGradient = Values(outFeatures, 14); // overwritten: delta's column sums, as BiasGradient gives them
            parallel.WeightGradient(one, Batch, biasGradient);
            Assert.True(parallel.CompactGradient.SequenceEqual(single.CompactGradient), $"weight gradient, threads={threads}");
            var columnSums = new float[outFeatures];
            BiasGradient.SumRows(one, Batch, columnSums);
            Assert.True(columnSums.AsSpan().SequenceEqual(biasGradient), $"bias gradient, threads={threads}");
            compactGradient.CopyTo(single.CompactGradient); // the next thread count's scatter starts from the same gradient
        }
    }

    [Fact]
    public void InputColumnCompaction_GathersTheSameCompactInput_OnOneToEightThreads()
    {
        // 240 rows of ~700 kept features: enough values for the gather to use all 8 threads (each segment in 8 row chunks).
        const int inFeatures = 784, batch = 240;
        var input = BlankBorderThenSparse(batch, inFeatures, blankColumns: 60, blankChance: 0.3, seed: 14);
        var single = new InputColumnCompaction(inFeatures, 64, batch, threads: 1);
        single.Compact(input, batch);
        Assert.InRange(single.ActiveCount * batch, 8 * 16384, int.MaxValue);

        for (var threads = 2; threads <= 8; threads++)
        {
            var parallel = new InputColumnCompaction(inFeatures, 64, batch, threads);
            parallel.Compact(input, batch);
            Assert.True(single.CompactInput(batch).SequenceEqual(parallel.CompactInput(batch)), $"threads={threads}");
        }
    }

    /// <summary>MNIST-like rows: the first <paramref name="blankColumns"/> columns blank in every row, the rest zero with <paramref name="blankChance"/>.</summary>
    private static float[] BlankBorderThenSparse(int rows, int features, int blankColumns, double blankChance, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var input = new float[rows * features];
        for (var i = 0; i < input.Length; i++)
            input[i] = i % features < blankColumns || random.NextDouble() < blankChance ? 0f : (float)random.NextDouble();
        return input;
    }

    private static float[] Values(int length, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
    }
}
