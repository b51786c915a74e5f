using Sweep.Engine.Model;
using Sweep.Engine.Randomness;

namespace Sweep.Engine.Tests.Model;

/// <summary>
/// The im2col + GEMM convolution against its naive twins, bit for bit: a direct convolution that takes each output's
/// products in increasing (ky, kx, c) order, one fused multiply-add each (the GEMM's contract), then bias and ReLU; the
/// weight and bias gradients summed row by row within each chunk of <see cref="ConvolutionPass.ImagesPerChunk"/> images,
/// then chunk after chunk; the input gradient as dY·Wᵀ per im2col row added back in (oy, ox, ky, kx) order. Tiny
/// im2col budgets force several chunks, and every case runs at 1, 2 and 3 threads, and on a pass built for 1 thread and
/// then given 3.
/// </summary>
public sealed class ConvolutionPassTests
{
    [Theory]
    [InlineData(6, 5, 1, 1, 3, Padding.Same, 5)]
    [InlineData(6, 6, 2, 3, 4, Padding.Same, 4)]
    [InlineData(7, 5, 3, 5, 2, Padding.Same, 3)]
    [InlineData(7, 6, 4, 3, 17, Padding.Valid, 5)]
    [InlineData(8, 8, 16, 5, 32, Padding.Same, 4)]
    [InlineData(5, 7, 2, 1, 9, Padding.Valid, 3)]
    [InlineData(6, 6, 3, 5, 8, Padding.Valid, 5)]
    public void ForwardAndBackward_EqualTheNaiveLoopsBitForBit_AtAnyThreadCount(int height, int width, int channels, int kernel, int outChannels, Padding padding, int batch)
    {
        var input = new ImageShape(height, width, channels);
        var stage = NetworkStage.Plan(input, [LayerSpec.Convolution(kernel, outChannels, padding)], 2)[0];
        var random = new DeterministicRandom(7);
        var x = Random(random, batch * input.Features, positive: false);
        var layer = new DenseLayer(stage.FanIn, stage.FanOut, Random(random, stage.FanIn * stage.FanOut, positive: false), Random(random, outChannels, positive: false));
        var dy = Random(random, batch * stage.Output.Features, positive: false);
        // About two images per chunk: the partial gradients of several chunks are summed.
        var budget = 2 * stage.Output.Height * stage.Output.Width * stage.FanIn;

        var (expectedY, expectedDz, expectedDw, expectedDb, expectedDx) = Naive(stage, x, layer, dy, batch, ConvolutionPass.ChunkImages(stage, batch, budget));
        // (threads built for, threads used): the last is a trial whose share of the cores grew after it started.
        foreach (var (built, used) in new[] { (1, 1), (2, 2), (3, 3), (1, 3) })
        {
            var pass = new ConvolutionPass(stage, batch, built, inputGradient: true, budget) { Threads = used };
            Assert.True(pass.ImagesPerChunk < batch, "the case must span several chunks");
            Assert.Equal(Math.Min(used, (batch + pass.ImagesPerChunk - 1) / pass.ImagesPerChunk), pass.Threads);
            var y = new float[batch * stage.Output.Features];
            pass.Forward(x, layer, y, batch);
            Assert.Equal(Bits(expectedY), Bits(y));
            var gradient = (float[])dy.Clone();
            var (dw, db, dx) = (new float[layer.Weights.Length], new float[outChannels], new float[x.Length]);
            pass.Backward(x, y, gradient, layer, dw, db, dx, batch);
            Assert.Equal(Bits(expectedDz), Bits(gradient));
            Assert.Equal(Bits(expectedDw), Bits(dw));
            Assert.Equal(Bits(expectedDb), Bits(db));
            Assert.Equal(Bits(expectedDx), Bits(dx));
        }
    }

    [Theory]
    [InlineData(6, 6, 2, 3, 8, 5)]  // pooled windows cover the image
    [InlineData(7, 5, 3, 3, 16, 4)] // odd sides: the pool drops a row and a column, whose gradient is 0
    [InlineData(6, 5, 1, 3, 11, 4)] // 11 channels: a vector of 8 and 3 one by one
    public void APoolRunChunkByChunkInsideTheConvolution_GivesTheBitsOfTheTwoPassesOneAfterTheOther(
        int height, int width, int channels, int kernel, int outChannels, int batch)
    {
        var input = new ImageShape(height, width, channels);
        var stages = NetworkStage.Plan(input, [LayerSpec.Convolution(kernel, outChannels), LayerSpec.MaxPool2], 2);
        var (conv, pool) = (stages[0], stages[1]);
        var random = new DeterministicRandom(11);
        var x = Random(random, batch * input.Features, positive: false);
        var layer = new DenseLayer(conv.FanIn, conv.FanOut, Random(random, conv.FanIn * conv.FanOut, positive: false), Random(random, outChannels, positive: false));
        var pooledGradient = Random(random, batch * pool.Output.Features, positive: false);
        var budget = 2 * conv.Output.Height * conv.Output.Width * conv.FanIn;

        var (y, pooled, dy, dw, db, dx) = Run(fused: false, threads: 1);
        foreach (var threads in new[] { 1, 2, 3 })
        {
            var fused = Run(fused: true, threads);
            Assert.Equal(Bits(y), Bits(fused.Y));
            Assert.Equal(Bits(pooled), Bits(fused.Pooled));
            Assert.Equal(Bits(dy), Bits(fused.Dy));
            Assert.Equal(Bits(dw), Bits(fused.Dw));
            Assert.Equal(Bits(db), Bits(fused.Db));
            Assert.Equal(Bits(dx), Bits(fused.Dx));
        }
        Assert.Contains(dx, value => value != 0);

        (float[] Y, float[] Pooled, float[] Dy, float[] Dw, float[] Db, float[] Dx) Run(bool fused, int threads)
        {
            var convolution = new ConvolutionPass(conv, batch, threads, inputGradient: true, budget);
            Assert.True(convolution.ImagesPerChunk < batch, "the case must span several chunks");
            var maxPool = new MaxPoolPass(pool, batch, threads);
            var (output, pooledOutput) = (new float[batch * conv.Output.Features], new float[batch * pool.Output.Features]);
            // NaN wherever a pass must write: a value the fused pass forgot would show.
            var outputGradient = Enumerable.Repeat(float.NaN, output.Length).ToArray();
            var (weights, biases, inputGradient) = (new float[layer.Weights.Length], new float[outChannels], new float[x.Length]);
            if (fused)
            {
                convolution.Forward(x, layer, output, batch, maxPool, pooledOutput);
                convolution.Backward(x, output, outputGradient, layer, weights, biases, inputGradient, batch, maxPool, pooledGradient);
            }
            else
            {
                convolution.Forward(x, layer, output, batch);
                maxPool.Forward(output, pooledOutput, batch);
                maxPool.Backward(pooledGradient, outputGradient, batch);
                convolution.Backward(x, output, outputGradient, layer, weights, biases, inputGradient, batch);
            }
            return (output, pooledOutput, outputGradient, weights, biases, inputGradient);
        }
    }

    [Fact]
    public void AFirstLayerPass_LeavesTheInputGradientAlone_AndStillGivesTheWeightGradient()
    {
        var stage = NetworkStage.Plan(new ImageShape(5, 5, 1), [LayerSpec.Convolution(3, 4)], 2)[0];
        var random = new DeterministicRandom(3);
        var x = Random(random, 2 * 25, positive: true);
        var layer = new DenseLayer(9, 4, Random(random, 36, positive: false), new float[4]);
        var pass = new ConvolutionPass(stage, 2, 1, inputGradient: false);
        var y = new float[2 * stage.Output.Features];
        pass.Forward(x, layer, y, 2);
        var dw = new float[36];

        pass.Backward(x, y, Random(random, y.Length, positive: false), layer, dw, new float[4], null, 2);

        Assert.Contains(dw, value => value != 0);
    }

    /// <summary>The twins: direct loops in the orders the class comment states.</summary>
    internal static (float[] Y, float[] Dz, float[] Dw, float[] Db, float[] Dx) Naive(NetworkStage stage, float[] x, DenseLayer layer, float[] dy, int batch, int imagesPerChunk)
    {
        var (input, output, k, pad) = (stage.Input, stage.Output, stage.Kernel, stage.Pad);
        var (inC, outC) = (input.Channels, output.Channels);
        float Pixel(int n, int iy, int ix, int c) =>
            iy < 0 || ix < 0 || iy >= input.Height || ix >= input.Width ? 0f : x[((n * input.Height + iy) * input.Width + ix) * inC + c];
        int Tap(int ky, int kx, int c) => (ky * k + kx) * inC + c;
        int Out(int n, int oy, int ox) => (n * output.Height + oy) * output.Width + ox;

        var y = new float[batch * output.Features];
        for (var n = 0; n < batch; n++)
            for (var oy = 0; oy < output.Height; oy++)
                for (var ox = 0; ox < output.Width; ox++)
                    for (var o = 0; o < outC; o++)
                    {
                        var sum = 0f;
                        for (var ky = 0; ky < k; ky++)
                            for (var kx = 0; kx < k; kx++)
                                for (var c = 0; c < inC; c++)
                                    sum = MathF.FusedMultiplyAdd(Pixel(n, oy + ky - pad, ox + kx - pad, c), layer.Weights[Tap(ky, kx, c) * outC + o], sum);
                        y[Out(n, oy, ox) * outC + o] = MathF.Max(sum + layer.Biases[o], 0f);
                    }

        var dz = dy.Select((value, i) => y[i] > 0f ? value : 0f).ToArray();
        var (dw, db) = (new float[layer.Weights.Length], new float[outC]);
        for (var first = 0; first < batch; first += imagesPerChunk)
        {
            var end = Math.Min(batch, first + imagesPerChunk);
            for (var o = 0; o < outC; o++)
            {
                var biasSum = 0f;
                for (var n = first; n < end; n++)
                    for (var oy = 0; oy < output.Height; oy++)
                        for (var ox = 0; ox < output.Width; ox++)
                            biasSum += dz[Out(n, oy, ox) * outC + o];
                db[o] = first == 0 ? biasSum : db[o] + biasSum;
                for (var ky = 0; ky < k; ky++)
                    for (var kx = 0; kx < k; kx++)
                        for (var c = 0; c < inC; c++)
                        {
                            var sum = 0f;
                            for (var n = first; n < end; n++)
                                for (var oy = 0; oy < output.Height; oy++)
                                    for (var ox = 0; ox < output.Width; ox++)
                                        sum = MathF.FusedMultiplyAdd(Pixel(n, oy + ky - pad, ox + kx - pad, c), dz[Out(n, oy, ox) * outC + o], sum);
                            var at = Tap(ky, kx, c) * outC + o;
                            dw[at] = first == 0 ? sum : dw[at] + sum;
                        }
            }
        }

        var dx = new float[x.Length];
        for (var n = 0; n < batch; n++)
            for (var oy = 0; oy < output.Height; oy++)
                for (var ox = 0; ox < output.Width; ox++)
                    for (var ky = 0; ky < k; ky++)
                        for (var kx = 0; kx < k; kx++)
                            for (var c = 0; c < inC; c++)
                            {
                                var sum = 0f;
                                for (var o = 0; o < outC; o++)
                                    sum = MathF.FusedMultiplyAdd(dz[Out(n, oy, ox) * outC + o], layer.Weights[Tap(ky, kx, c) * outC + o], sum);
                                var (iy, ix) = (oy + ky - pad, ox + kx - pad);
                                if (iy >= 0 && ix >= 0 && iy < input.Height && ix < input.Width)
                                    dx[((n * input.Height + iy) * input.Width + ix) * inC + c] += sum;
                            }
        return (y, dz, dw, db, dx);
    }

    internal static float[] Random(DeterministicRandom random, int count, bool positive) =>
        Enumerable.Range(0, count).Select(_ => positive ? (float)random.NextDouble() : (float)random.NextGaussian()).ToArray();

    internal static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
