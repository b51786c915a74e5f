using Sweep.Engine.Model;
using Sweep.Engine.Randomness;

namespace Sweep.Engine.Tests.Model;

/// <summary>
/// The 2×2 max-pool against a naive loop, bit for bit and at 1, 2 and 3 threads: even and odd sides (an odd last row or
/// column is dropped), channel counts that use the vector path (8, 16) and the scalar tail (3, 9), ties (the first of
/// the window in (dy, dx) order wins), and the backward pass routing each gradient to that maximum only.
/// </summary>
public sealed class MaxPoolPassTests
{
    [Theory]
    [InlineData(4, 4, 8)]
    [InlineData(5, 7, 3)]
    [InlineData(7, 6, 16)]
    [InlineData(3, 3, 9)]
    public void ForwardAndBackward_EqualTheNaiveLoop_OnEvenAndOddSides(int height, int width, int channels)
    {
        const int batch = 5;
        var stage = NetworkStage.Plan(new ImageShape(height, width, channels), [LayerSpec.MaxPool2], 2)[0];
        var random = new DeterministicRandom(5);
        // Few distinct values: many windows hold ties.
        var x = Enumerable.Range(0, batch * stage.Input.Features).Select(_ => (float)random.NextInt(4)).ToArray();
        var dy = ConvolutionPassTests.Random(random, batch * stage.Output.Features, positive: false);
        var (expectedY, expectedDx) = Naive(stage, x, dy, batch);

        foreach (var threads in new[] { 1, 2, 3 })
        {
            var pass = new MaxPoolPass(stage, batch, threads);
            var y = new float[batch * stage.Output.Features];
            pass.Forward(x, y, batch);
            var dx = Enumerable.Repeat(float.NaN, x.Length).ToArray(); // every input is written, dropped rows included
            pass.Backward(dy, dx, batch);
            Assert.Equal(ConvolutionPassTests.Bits(expectedY), ConvolutionPassTests.Bits(y));
            Assert.Equal(ConvolutionPassTests.Bits(expectedDx), ConvolutionPassTests.Bits(dx));
        }
    }

    private static (float[] Y, float[] Dx) Naive(NetworkStage stage, float[] x, float[] dy, int batch)
    {
        var (input, output) = (stage.Input, stage.Output);
        var c = input.Channels;
        var y = new float[batch * output.Features];
        var dx = new float[x.Length];
        for (var n = 0; n < batch; n++)
            for (var oy = 0; oy < output.Height; oy++)
                for (var ox = 0; ox < output.Width; ox++)
                    for (var ch = 0; ch < c; ch++)
                    {
                        var best = -1;
                        for (var dyy = 0; dyy < 2; dyy++)
                            for (var dxx = 0; dxx < 2; dxx++)
                            {
                                var at = ((n * input.Height + 2 * oy + dyy) * input.Width + 2 * ox + dxx) * c + ch;
                                if (best < 0 || x[at] > x[best]) best = at;
                            }
                        var o = ((n * output.Height + oy) * output.Width + ox) * c + ch;
                        y[o] = x[best];
                        dx[best] = dy[o];
                    }
        return (y, dx);
    }
}
