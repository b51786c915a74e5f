using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sweep.Engine.Parallelism;

/// <summary>
/// An optimiser-like pass (w −= r·g, in place) over a <see cref="CoreToCore.UpdateRows"/>×<see cref="CoreToCore.UpdateColumns"/>
/// weight matrix stored [in, out], row-major, split between two threads of the <see cref="WorkerPool"/> either by rows
/// or by output features (half of every row). Splitting every pass of a layer by its output features would keep each
/// core's slice of W, dW and Z in its own cache, but with [in, out] storage the two slices alternate along memory
/// every 1 KB; on the 2-vCPU VM this was measured on, the column split ran 5–7× slower than the row split although the
/// halves share no cache line (and each half alone, on one thread, runs as fast as half the rows). So a split by
/// features needs weights stored with each core's features contiguous ([out, in], or blocked per thread).
/// </summary>
internal sealed unsafe class SplitUpdate
{
    private const int Floats = CoreToCore.UpdateRows * CoreToCore.UpdateColumns;

    /// <summary>r: each pass lowers every weight by r·1 (a gradient of ones), a change a float near 1 shows.</summary>
    internal const float Rate = 1e-3f;

    // Pinned, with room to start both matrices on a 64-byte boundary: then the halves of a row share no cache line.
    private readonly float[] _weights = GC.AllocateArray<float>(Floats + 16, pinned: true);
    private readonly float[] _gradient = GC.AllocateArray<float>(Floats + 16, pinned: true);

    public SplitUpdate()
    {
        Array.Fill(_weights, 1f);
        Array.Fill(_gradient, 1f);
    }

    /// <summary>The matrix the passes update (for tests: each pass must change every element once).</summary>
    internal ReadOnlySpan<float> Weights => new(Aligned(_weights), Floats);

    /// <summary>Microseconds per pass, the mean of <paramref name="passes"/> after as many untimed ones.</summary>
    public double Microseconds(bool byColumns, int passes = 200)
    {
        var weights = Aligned(_weights);
        var gradient = Aligned(_gradient);
        var work = new Halves(weights, gradient, byColumns);
        for (var pass = 0; pass < passes; pass++) WorkerPool.For(2, 2, work);
        var clock = Stopwatch.StartNew();
        for (var pass = 0; pass < passes; pass++) WorkerPool.For(2, 2, work);
        return clock.Elapsed.TotalMicroseconds / passes;
    }

    private static float* Aligned(float[] pinned)
    {
        var start = (nint)Unsafe.AsPointer(ref pinned[0]);
        return (float*)((start + 63) & ~(nint)63);
    }

    /// <summary>Half 0 or 1 of the matrix: rows [half·R/2, (half + 1)·R/2), or columns [half·C/2, (half + 1)·C/2) of every row.</summary>
    private readonly struct Halves(float* weights, float* gradient, bool byColumns) : IRangeWork
    {
        public void Run(int start, int end)
        {
            const int rows = CoreToCore.UpdateRows, columns = CoreToCore.UpdateColumns;
            var rate = new Vector<float>(Rate);
            for (var half = start; half < end; half++)
            {
                var (firstRow, endRow) = byColumns ? (0, rows) : (half * rows / 2, (half + 1) * rows / 2);
                var (firstColumn, endColumn) = byColumns ? (half * columns / 2, (half + 1) * columns / 2) : (0, columns);
                for (var row = firstRow; row < endRow; row++)
                {
                    for (var column = firstColumn; column < endColumn; column += Vector<float>.Count)
                    {
                        var at = (nint)row * columns + column;
                        Vector.Store(Vector.Load(weights + at) - rate * Vector.Load(gradient + at), weights + at);
                    }
                }
            }
        }
    }
}
