using Sweep.Engine.Kernels;
using Sweep.Engine.Parallelism;

namespace Sweep.Engine.Model;

/// <summary>
/// The forward product and the input gradient of a fully connected layer too small for <see cref="Gemm"/> to split (a
/// 10-class output layer: 0.5M multiply-adds, ~5 µs), run on every thread anyway: each thread takes one block of the
/// batch's rows and runs that block's product, bias and activation (forward) or product and ReLU backward (input
/// gradient) in one go. At 2 threads the blocks are the ones the element-wise pass before wrote on the same thread
/// (<see cref="WorkerPool.For{TWork}"/> cuts rows the same way, and so does the dropout mask), so each thread reads rows
/// its own core holds; not so after a pass split another way, which costs time, never bits.
/// On one thread, the product read the other core's half of its input from that core's cache and wrote half of its
/// output for the other core to read back: at 2 threads the 10-class forward took 2.4× its 1-thread time and the input
/// gradient with its ReLU 3×. The weight gradient (a sum over the batch's rows) stays with Gemm. Every element is
/// computed as before (rows of a product are independent; Gemm's contract), so the bits do not change.
/// </summary>
internal static unsafe class FullyConnectedRows
{
    /// <summary>Multiply-adds below which a layer stays on the caller: a fork and join (~1 µs) would cost more than it saves.</summary>
    private const long MinMultiplyAdds = 1L << 16;

    /// <summary>Whether a [batch, in]·[in, out] layer is better run by row blocks than by <see cref="Gemm"/> on <paramref name="threads"/>.</summary>
    public static bool Applies(int batch, int inFeatures, int outFeatures, int threads) =>
        threads > 1 && batch > 1 && (long)batch * inFeatures * outFeatures >= MinMultiplyAdds
        && Gemm.ThreadsFor(batch, outFeatures, inFeatures, threads) == 1;

    /// <summary>z = x·W + b, then max(·, 0) when relu: x [batch, in], W [in, out], z [batch, out]; rows split.</summary>
    public static void Forward(ReadOnlySpan<float> x, float[] weights, float[] biases, Span<float> z, int batch, bool relu, int threads)
    {
        var (inFeatures, outFeatures) = (weights.Length / biases.Length, biases.Length);
        fixed (float* input = x, output = z, w = weights, b = biases)
        {
            WorkerPool.For(threads, batch, new ForwardRows(input, w, b, output, inFeatures, outFeatures, relu));
        }
        Gemm.CountMultiplyAdds((long)batch * inFeatures * outFeatures);
    }

    /// <summary>
    /// The previous layer's delta = (delta·Wᵀ) through its ReLU (<see cref="Relu.Backward"/> with
    /// <paramref name="scale"/>): delta [batch, out], W [in, out], activation and previousDelta [batch, in]; rows split.
    /// </summary>
    public static void InputGradient(ReadOnlySpan<float> delta, float[] weights, int outFeatures, ReadOnlySpan<float> activation,
        Span<float> previousDelta, float scale, int batch, int threads)
    {
        var inFeatures = weights.Length / outFeatures;
        fixed (float* d = delta, w = weights, a = activation, previous = previousDelta)
        {
            WorkerPool.For(threads, batch, new InputGradientRows(d, w, a, previous, inFeatures, outFeatures, scale));
        }
        Gemm.CountMultiplyAdds((long)batch * inFeatures * outFeatures);
    }

    private readonly struct ForwardRows(float* x, float* weights, float* biases, float* z, int inFeatures, int outFeatures, bool relu) : IRangeWork
    {
        public void Run(int start, int end)
        {
            var rows = end - start;
            var counted = Gemm.MultiplyAddsOnThisThread;
            var output = new Span<float>(z + (nint)start * outFeatures, rows * outFeatures);
            Gemm.Multiply(new ReadOnlySpan<float>(x + (nint)start * inFeatures, rows * inFeatures),
                new ReadOnlySpan<float>(weights, inFeatures * outFeatures), output, rows, outFeatures, inFeatures);
            Relu.AddBiasAndActivate(output, new ReadOnlySpan<float>(biases, outFeatures), rows, relu);
            Gemm.CountMultiplyAdds(counted - Gemm.MultiplyAddsOnThisThread); // counted once, by the caller
        }
    }

    private readonly struct InputGradientRows(float* delta, float* weights, float* activation, float* previousDelta, int inFeatures, int outFeatures, float scale)
        : IRangeWork
    {
        public void Run(int start, int end)
        {
            var rows = end - start;
            var counted = Gemm.MultiplyAddsOnThisThread;
            var previous = new Span<float>(previousDelta + (nint)start * inFeatures, rows * inFeatures);
            Gemm.Multiply(new ReadOnlySpan<float>(delta + (nint)start * outFeatures, rows * outFeatures),
                new ReadOnlySpan<float>(weights, inFeatures * outFeatures), previous, rows, inFeatures, outFeatures, transB: true);
            Relu.Backward(previous, new ReadOnlySpan<float>(activation + (nint)start * inFeatures, rows * inFeatures), scale);
            Gemm.CountMultiplyAdds(counted - Gemm.MultiplyAddsOnThisThread);
        }
    }
}
