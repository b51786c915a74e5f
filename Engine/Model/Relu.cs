using System.Numerics;
using Sweep.Engine.Parallelism;

namespace Sweep.Engine.Model;

/// <summary>
/// Bias add, ReLU and its derivative over [batch, features] buffers. Every element is computed on its own, so
/// splitting rows or elements across threads changes no bit.
/// </summary>
public static unsafe class Relu
{
    /// <summary>Elements a thread should get at least (a few µs of work); smaller passes run on the caller.</summary>
    internal const int MinElementsPerThread = 8192;

    /// <summary>
    /// z[row, :] += biases, then (when relu) z = max(z, 0) in place; rows split across <paramref name="threads"/>.
    /// With <paramref name="partialSums"/> (blocks of [batch, features], <paramref name="partialStride"/> floats apart),
    /// z = ((z + block 0) + block 1 …) + biases: the sum of a product computed in parts, in a fixed order.
    /// </summary>
    public static void AddBiasAndActivate(Span<float> z, ReadOnlySpan<float> biases, int batch, bool relu, int threads = 1,
        ReadOnlySpan<float> partialSums = default, int partialStride = 0)
    {
        var features = biases.Length;
        if (z.Length < batch * features) throw new ArgumentException($"z holds {z.Length} floats, expected {batch} x {features}");
        var blocks = partialSums.IsEmpty ? 0 : (partialSums.Length + partialStride - batch * features) / partialStride;
        if (!partialSums.IsEmpty && (partialStride < batch * features || blocks < 1))
            throw new ArgumentException($"partial sums of {partialSums.Length} floats, {partialStride} apart, hold no block of {batch} x {features}");
        fixed (float* zPointer = z, biasPointer = biases, partials = partialSums)
        {
            WorkerPool.For(WorkerPool.ThreadsFor(threads, (long)batch * features, MinElementsPerThread), batch,
                new BiasRows(zPointer, biasPointer, features, relu, partials, partialStride, blocks));
        }
    }

    /// <summary>
    /// gradient[i] = activation[i] > 0 ? gradient[i]·scale : 0. With scale 1 that is ReLU'(z) = 1 for z > 0, else 0
    /// (multiplying by 1 changes no bit). Under inverted dropout (<see cref="DropoutMask"/>) the activation
    /// scale·mask·max(z, 0) is positive exactly where the unit was kept and z > 0, so with scale = 1/(1 − p) this is
    /// the mask·scale·ReLU'(z) of the chain rule, without keeping the mask.
    /// </summary>
    public static void Backward(Span<float> gradient, ReadOnlySpan<float> activation, float scale = 1f, int threads = 1)
    {
        if (activation.Length < gradient.Length) throw new ArgumentException($"activation holds {activation.Length} floats, gradient {gradient.Length}");
        // Ranges of whole vectors, so the vector loop and the scalar tail see the same elements on any thread count.
        var vectors = (gradient.Length + Vector<float>.Count - 1) / Vector<float>.Count;
        fixed (float* gradientPointer = gradient, activationPointer = activation)
        {
            WorkerPool.For(WorkerPool.ThreadsFor(threads, gradient.Length, MinElementsPerThread), vectors,
                new BackwardRange(gradientPointer, activationPointer, gradient.Length, scale));
        }
    }

    private readonly struct BiasRows(float* z, float* biases, int features, bool relu, float* partials, nint partialStride, int blocks) : IRangeWork
    {
        public void Run(int start, int end)
        {
            var zero = Vector<float>.Zero;
            for (var row = start; row < end; row++)
            {
                var values = z + (nint)row * features;
                var rowPartials = partials + (nint)row * features;
                var i = 0;
                for (; i <= features - Vector<float>.Count; i += Vector<float>.Count)
                {
                    var sum = Vector.Load(values + i);
                    for (var b = 0; b < blocks; b++) sum += Vector.Load(rowPartials + b * partialStride + i);
                    sum += Vector.Load(biases + i);
                    Vector.Store(relu ? Vector.Max(sum, zero) : sum, values + i);
                }
                for (; i < features; i++)
                {
                    var sum = values[i];
                    for (var b = 0; b < blocks; b++) sum += rowPartials[b * partialStride + i];
                    sum += biases[i];
                    values[i] = relu ? MathF.Max(sum, 0f) : sum;
                }
            }
        }
    }

    private readonly struct BackwardRange(float* gradient, float* activation, int length, float scale) : IRangeWork
    {
        public void Run(int startVector, int endVector)
        {
            var start = startVector * Vector<float>.Count;
            var end = Math.Min(length, endVector * Vector<float>.Count);
            var g = new Span<float>(gradient + start, end - start);
            var a = new ReadOnlySpan<float>(activation + start, end - start);
            var zero = Vector<float>.Zero;
            var scales = new Vector<float>(scale);
            var i = 0;
            for (; i <= g.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var positive = Vector.GreaterThan(new Vector<float>(a[i..]), zero);
                Vector.ConditionalSelect(positive, new Vector<float>(g[i..]) * scales, zero).CopyTo(g[i..]);
            }
            for (; i < g.Length; i++)
            {
                g[i] = a[i] > 0f ? g[i] * scale : 0f;
            }
        }
    }
}
