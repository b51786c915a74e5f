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

    public MaxPoolPass(NetworkStage stage, int maxBatch, int threads)
    {
        if (stage.Kind != LayerKind.MaxPool) throw new ArgumentException($"{stage.Kind} is not a max-pool");
        _stage = stage;
        _threads = Math.Max(1, threads);
        _argMax = new int[maxBatch * stage.Output.Features];
    }

    /// <summary>input: [batch, H, W, C] → output: [batch, ⌊H/2⌋, ⌊W/2⌋, C].</summary>
    public void Forward(float[] input, float[] output, int batch) =>
        WorkSplit.Ranges(batch, _threads, (_, first, end) =>
        {
            for (var image = first; image < end; image++) ForwardImage(input, output, image);
        });

    /// <summary>inputGradient = outputGradient routed to each window's maximum, 0 elsewhere.</summary>
    public void Backward(float[] outputGradient, float[] inputGradient, int batch) =>
        WorkSplit.Ranges(batch, _threads, (_, first, end) =>
        {
            var (inFeatures, outFeatures) = (_stage.Input.Features, _stage.Output.Features);
            inputGradient.AsSpan(first * inFeatures, (end - first) * inFeatures).Clear();
            for (var i = first * outFeatures; i < end * outFeatures; i++) inputGradient[_argMax[i]] = outputGradient[i];
        });

    private void ForwardImage(float[] input, float[] output, int image)
    {
        var (shape, pooled) = (_stage.Input, _stage.Output);
        var channels = shape.Channels;
        var rowStride = shape.Width * channels;
        var vectors = Vector256.IsHardwareAccelerated ? channels / Vector256<float>.Count * Vector256<float>.Count : 0;
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var target = image * pooled.Features;
        for (var oy = 0; oy < pooled.Height; oy++)
        {
            for (var ox = 0; ox < pooled.Width; ox++)
            {
                // Window corners in (dy, dx) order: (0,0), (0,1), (1,0), (1,1).
                var i0 = image * shape.Features + (2 * oy * shape.Width + 2 * ox) * channels;
                var (i1, i2, i3) = (i0 + channels, i0 + rowStride, i0 + rowStride + channels);
                var c = 0;
                for (; c < vectors; c += Vector256<float>.Count)
                {
                    var best = Vector256.Create(input, i0 + c);
                    var index = Vector256.Create(i0 + c) + lanes;
                    Keep(Vector256.Create(input, i1 + c), Vector256.Create(i1 + c) + lanes, ref best, ref index);
                    Keep(Vector256.Create(input, i2 + c), Vector256.Create(i2 + c) + lanes, ref best, ref index);
                    Keep(Vector256.Create(input, i3 + c), Vector256.Create(i3 + c) + lanes, ref best, ref index);
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

    /// <summary>Lanes where the candidate is strictly greater take it and its index: the scalar loop's rule, lane by lane.</summary>
    private static void Keep(Vector256<float> candidate, Vector256<int> candidateIndex, ref Vector256<float> best, ref Vector256<int> index)
    {
        var greater = Vector256.GreaterThan(candidate, best);
        best = Vector256.ConditionalSelect(greater, candidate, best);
        index = Vector256.ConditionalSelect(greater.AsInt32(), candidateIndex, index);
    }
}
