using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Engine.Model;

/// <summary>
/// 2×2 max-pool, stride 2, over a batch of NHWC images; an odd last row or column is dropped (floor). Forward keeps,
/// per output, the input index of its maximum: the first of the window in (dy, dx) order wins ties (a later value
/// must be strictly greater). Backward routes each output's gradient to that input and gives every other input 0.
/// Threads take whole images, and no image's result depends on another's, so the split changes no bit.
/// </summary>
public sealed class MaxPoolPass
{
    private readonly NetworkStage _stage;
    private int _threads;

    /// <summary>Threads of the next passes; the bits do not depend on it.</summary>
    public int Threads
    {
        get => _threads;
        set => _threads = Math.Max(1, value);
    }
    private readonly int[] _argMax; // [maxBatch, outH, outW, C]: index into the batch's input
    private readonly int _vectorChannels; // the channels the vector loops take (a multiple of 8); the rest go one by one
    private static readonly Vector256<int> Lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);

    public MaxPoolPass(NetworkStage stage, int maxBatch, int threads)
    {
        if (stage.Kind != LayerKind.MaxPool) throw new ArgumentException($"{stage.Kind} is not a max-pool");
        _stage = stage;
        _threads = Math.Max(1, threads);
        _argMax = new int[maxBatch * stage.Output.Features];
        var channels = stage.Input.Channels;
        _vectorChannels = Vector256.IsHardwareAccelerated ? channels / Vector256<float>.Count * Vector256<float>.Count : 0;
    }

    /// <summary>input: [batch, H, W, C] → output: [batch, ⌊H/2⌋, ⌊W/2⌋, C].</summary>
    public void Forward(float[] input, float[] output, int batch) =>
        WorkSplit.Ranges(batch, _threads, (_, first, end) => ForwardImages(input, output, first, end));

    /// <summary><see cref="Forward"/> of images [first, end) on the calling thread (a convolution's chunk, while its output is in cache).</summary>
    public void ForwardImages(float[] input, float[] output, int first, int end)
    {
        for (var image = first; image < end; image++) ForwardImage(input, output, image);
    }

    /// <summary>inputGradient = outputGradient routed to each window's maximum, 0 elsewhere.</summary>
    public void Backward(float[] outputGradient, float[] inputGradient, int batch) =>
        WorkSplit.Ranges(batch, _threads, (_, first, end) => BackwardImages(outputGradient, inputGradient, first, end));

    /// <summary><see cref="Backward"/> of images [first, end) on the calling thread (just before a convolution's chunk reads them).</summary>
    public void BackwardImages(float[] outputGradient, float[] inputGradient, int first, int end)
    {
        for (var image = first; image < end; image++) BackwardImage(outputGradient, inputGradient, image);
    }

    /// <summary>
    /// Writes each input of the image once: a window's four inputs take the output's gradient where they hold its
    /// maximum and 0 elsewhere, channels in vectors; inputs outside every window (an odd last row or column) get 0.
    /// (Clearing the image and then scattering each gradient to its maximum wrote every input twice.)
    /// </summary>
    private void BackwardImage(float[] outputGradient, float[] inputGradient, int image)
    {
        var (shape, pooled) = (_stage.Input, _stage.Output);
        var channels = shape.Channels;
        var source = image * pooled.Features;
        for (var oy = 0; oy < pooled.Height; oy++)
        {
            for (var ox = 0; ox < pooled.Width; ox++)
            {
                var (i0, i1, i2, i3) = Window(image, oy, ox);
                var c = 0;
                for (; c < _vectorChannels; c += Vector256<float>.Count)
                {
                    var gradient = Vector256.Create(outputGradient, source + c);
                    var index = Vector256.Create(_argMax, source + c);
                    Route(gradient, index, i0 + c, inputGradient);
                    Route(gradient, index, i1 + c, inputGradient);
                    Route(gradient, index, i2 + c, inputGradient);
                    Route(gradient, index, i3 + c, inputGradient);
                }
                for (; c < channels; c++)
                {
                    var (gradient, index) = (outputGradient[source + c], _argMax[source + c]);
                    inputGradient[i0 + c] = index == i0 + c ? gradient : 0f;
                    inputGradient[i1 + c] = index == i1 + c ? gradient : 0f;
                    inputGradient[i2 + c] = index == i2 + c ? gradient : 0f;
                    inputGradient[i3 + c] = index == i3 + c ? gradient : 0f;
                }
                source += channels;
            }
            if (shape.Width % 2 == 1)
            {
                // The window that would follow the last starts at the dropped column.
                var (lastColumn, _, lastColumnBelow, _) = Window(image, oy, pooled.Width);
                inputGradient.AsSpan(lastColumn, channels).Clear();
                inputGradient.AsSpan(lastColumnBelow, channels).Clear();
            }
        }
        if (shape.Height % 2 == 1)
            inputGradient.AsSpan((image + 1) * shape.Features - shape.Width * channels, shape.Width * channels).Clear();
    }

    /// <summary>The inputs [at, at + 8) take the gradient in the lanes whose maximum they hold, 0 in the others.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Route(Vector256<float> gradient, Vector256<int> index, int at, float[] inputGradient) =>
        Vector256.ConditionalSelect(Vector256.Equals(index, Vector256.Create(at) + Lanes).AsSingle(), gradient, Vector256<float>.Zero)
            .CopyTo(inputGradient, at);

    private void ForwardImage(float[] input, float[] output, int image)
    {
        var (shape, pooled) = (_stage.Input, _stage.Output);
        var channels = shape.Channels;
        var target = image * pooled.Features;
        for (var oy = 0; oy < pooled.Height; oy++)
        {
            for (var ox = 0; ox < pooled.Width; ox++)
            {
                var (i0, i1, i2, i3) = Window(image, oy, ox);
                var c = 0;
                for (; c < _vectorChannels; c += Vector256<float>.Count)
                {
                    var best = Vector256.Create(input, i0 + c);
                    var index = Vector256.Create(i0 + c) + Lanes;
                    Keep(Vector256.Create(input, i1 + c), Vector256.Create(i1 + c) + Lanes, ref best, ref index);
                    Keep(Vector256.Create(input, i2 + c), Vector256.Create(i2 + c) + Lanes, ref best, ref index);
                    Keep(Vector256.Create(input, i3 + c), Vector256.Create(i3 + c) + Lanes, ref best, ref index);
                    best.CopyTo(output, target + c);
                    index.CopyTo(_argMax, target + c);
                }
                for (; c < channels; c++)
                {
                    var (best, index) = (input[i0 + c], i0 + c);
                    if (input[i1 + c] > best) (best, index) = (input[i1 + c], i1 + c);
                    if (input[i2 + c] > best) (best, index) = (input[i2 + c], i2 + c);
                    if (input[i3 + c] > best) (best, index) = (input[i3 + c], i3 + c);
                    output[target + c] = best;
                    _argMax[target + c] = index;
                }
                target += channels;
            }
        }
    }

    /// <summary>
    /// The batch-wide indices of channel 0 of output (oy, ox)'s window of image <paramref name="image"/>, its corners in
    /// (dy, dx) order: (0,0), (0,1), (1,0), (1,1).
    /// </summary>
    private (int, int, int, int) Window(int image, int oy, int ox)
    {
        var shape = _stage.Input;
        var i0 = image * shape.Features + (2 * oy * shape.Width + 2 * ox) * shape.Channels;
        var below = i0 + shape.Width * shape.Channels;
        return (i0, i0 + shape.Channels, below, below + shape.Channels);
    }

    /// <summary>Lanes where the candidate is strictly greater take it and its index: the scalar loop's rule, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep(Vector256<float> candidate, Vector256<int> candidateIndex, ref Vector256<float> best, ref Vector256<int> index)
    {
        var greater = Vector256.GreaterThan(candidate, best);
        best = Vector256.ConditionalSelect(greater, candidate, best);
        index = Vector256.ConditionalSelect(greater.AsInt32(), candidateIndex, index);
    }
}
