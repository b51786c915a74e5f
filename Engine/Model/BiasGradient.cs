using System.Numerics;
using Sweep.Engine.Parallelism;

namespace Sweep.Engine.Model;

/// <summary>
/// A layer's bias gradient: the column sums of its delta [batch, width]. Each column is summed over rows in row order
/// (float adds, starting from 0), so splitting columns across threads, or summing Vector&lt;float&gt;.Count columns per vector, changes no bit.
/// </summary>
public static unsafe class BiasGradient
{
    /// <summary>Values a thread should get at least; a 10-class layer's sums stay on the caller.</summary>
    private const int MinValuesPerThread = 8192;

    /// <summary>sums[c] = Σ_row delta[row, c], rows in order. delta: [batch, sums.Length].</summary>
    public static void SumRows(ReadOnlySpan<float> delta, int batch, Span<float> sums, int threads = 1)
    {
        var width = CheckedWidth(delta, batch, sums);
        var vectors = Vectors(width);
        fixed (float* deltaPointer = delta, sumsPointer = sums)
        {
            WorkerPool.For(WorkerPool.ThreadsFor(threads, (long)batch * width, MinValuesPerThread), vectors,
                new ColumnRange(deltaPointer, sumsPointer, batch, width));
        }
    }

    /// <summary>
    /// sums[c] = Σ_row delta[row, c] for the columns of vectors [startVector, endVector) only (<see cref="Vectors"/>: the
    /// last one may be short), on this thread: the same bits as <see cref="SumRows"/> gives those columns.
    /// </summary>
    public static void SumRows(ReadOnlySpan<float> delta, int batch, Span<float> sums, int startVector, int endVector)
    {
        var width = CheckedWidth(delta, batch, sums);
        fixed (float* deltaPointer = delta, sumsPointer = sums)
        {
            new ColumnRange(deltaPointer, sumsPointer, batch, width).Run(startVector, Math.Min(endVector, Vectors(width)));
        }
    }

    /// <summary>The width (one sum per column), once delta is known to hold batch rows of it.</summary>
    private static int CheckedWidth(ReadOnlySpan<float> delta, int batch, Span<float> sums)
    {
        var width = sums.Length;
        if (delta.Length < batch * width) throw new ArgumentException($"delta holds {delta.Length} floats, expected {batch} x {width}");
        return width;
    }

    /// <summary>The vectors of a row of <paramref name="width"/> columns, the unit the ranges above count in.</summary>
    public static int Vectors(int width) => (width + Vector<float>.Count - 1) / Vector<float>.Count;

    private readonly struct ColumnRange(float* delta, float* sums, int batch, int width) : IRangeWork
    {
        public void Run(int startVector, int endVector)
        {
            var start = startVector * Vector<float>.Count;
            var end = Math.Min(width, endVector * Vector<float>.Count);
            var target = new Span<float>(sums + start, end - start);
            target.Clear();
            var c = 0;
            for (; c <= target.Length - Vector<float>.Count; c += Vector<float>.Count)
            {
                var sum = Vector<float>.Zero;
                for (var row = 0; row < batch; row++) sum += Vector.Load(delta + (nint)row * width + start + c);
                sum.CopyTo(target[c..]);
            }
            for (; c < target.Length; c++)
            {
                var sum = 0f;
                for (var row = 0; row < batch; row++) sum += delta[(nint)row * width + start + c];
                target[c] = sum;
            }
        }
    }
}
