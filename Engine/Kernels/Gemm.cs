using System.Runtime.Intrinsics;

namespace Sweep.Engine.Kernels;

/// <summary>
/// Single-precision matrix product on row-major flat buffers: C = op(A)·op(B), or C += op(A)·op(B).
/// op(A) is [m, k] and op(B) is [k, n]. With transA, A is stored as [k, m]; with transB, B is stored as [n, k].
/// Determinism contract: every element of C starts from 0 (or its old value when accumulating) and takes its
/// k products in increasing k order, one fused multiply-add each, on one thread. Threads split C by column
/// or row blocks only, never k, so results are bit-identical for any thread count and for every path
/// (Vector512, Vector256, Scalar), and equal to GemmReference.
/// </summary>
public static class Gemm
{
    // Below about this many multiply-adds (~50 µs of work) a second thread costs more than it saves.
    private const long MinMultiplyAddsPerThread = 1L << 20;

    public static void Multiply(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool transA = false, bool transB = false, bool accumulate = false, int threads = 1)
    {
        Multiply(a, b, c, m, n, k, transA, transB, accumulate, threads, GemmPath.Auto);
    }

    /// <summary>Whether a forced path can run on this machine (tests skip the ones that cannot).</summary>
    internal static bool IsSupported(GemmPath path) => path switch
    {
        GemmPath.Auto or GemmPath.Scalar => true,
        GemmPath.Vector512 => Vector512Kernel6x32.IsSupported,
        GemmPath.Vector256 => Vector256Kernel6x16.IsSupported,
        _ => false,
    };

    /// <summary>The path Auto resolves to: the widest vectors the hardware runs at full speed.</summary>
    internal static GemmPath Resolve(GemmPath path)
    {
        if (path != GemmPath.Auto)
        {
            return path;
        }

        if (Vector512.IsHardwareAccelerated && Vector512Kernel6x32.IsSupported)
        {
            return GemmPath.Vector512;
        }

        return Vector256Kernel6x16.IsSupported ? GemmPath.Vector256 : GemmPath.Scalar;
    }

    internal static unsafe void Multiply(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool transA, bool transB, bool accumulate, int threads, GemmPath path)
    {
        Validate(a.Length, b.Length, c.Length, m, n, k, threads);
        path = Resolve(path);
        if (!IsSupported(path))
        {
            throw new PlatformNotSupportedException($"GEMM path {path} is not supported on this machine.");
        }

        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                c[..(m * n)].Clear();
            }

            return;
        }

        fixed (float* aPointer = a, bPointer = b, cPointer = c)
        {
            var ops = new GemmOperands(aPointer, bPointer, cPointer, m, n, k, transA, transB, accumulate);
            var parts = (int)Math.Min(threads, Math.Max(1, (long)m * n * k / MinMultiplyAddsPerThread));
            if (parts <= 1)
            {
                RunRange(path, ops, 0, m, 0, n);
            }
            else
            {
                RunParallel(path, ops, parts);
            }
        }
    }

    private static void RunParallel(GemmPath path, GemmOperands ops, int parts)
    {
        var (rowsPerTile, colsPerTile) = TileShape(path, ops.N);
        var columnPanels = (ops.N + colsPerTile - 1) / colsPerTile;
        var rowPanels = (ops.M + rowsPerTile - 1) / rowsPerTile;

        // Split the wider dimension in whole tiles: each thread packs only its share of the bigger operand.
        var splitColumns = columnPanels >= rowPanels || columnPanels >= 2 * parts;
        var panels = splitColumns ? columnPanels : rowPanels;
        parts = Math.Min(parts, panels);
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            var first = (int)((long)panels * part / parts);
            var last = (int)((long)panels * (part + 1) / parts);
            if (splitColumns)
            {
                RunRange(path, ops, 0, ops.M, first * colsPerTile, Math.Min(ops.N, last * colsPerTile));
            }
            else
            {
                RunRange(path, ops, first * rowsPerTile, Math.Min(ops.M, last * rowsPerTile), 0, ops.N);
            }
        });
    }

    private static (int Rows, int Cols) TileShape(GemmPath path, int n) => path switch
    {
        GemmPath.Vector512 when n <= Vector512Kernel12x16.ColumnsPerTile =>
            (Vector512Kernel12x16.RowsPerTile, Vector512Kernel12x16.ColumnsPerTile),
        GemmPath.Vector512 => (Vector512Kernel6x32.RowsPerTile, Vector512Kernel6x32.ColumnsPerTile),
        GemmPath.Vector256 => (Vector256Kernel6x16.RowsPerTile, Vector256Kernel6x16.ColumnsPerTile),
        _ => (1, 16),
    };

    private static void RunRange(GemmPath path, in GemmOperands ops, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        switch (path)
        {
            case GemmPath.Vector512 when ops.N <= Vector512Kernel12x16.ColumnsPerTile:
                // Narrow outputs (the 10 classes): one vector per row instead of a mostly empty 32-wide tile.
                GemmBlocked<Vector512Kernel12x16>.Run(ops, rowStart, rowEnd, colStart, colEnd);
                break;
            case GemmPath.Vector512:
                GemmBlocked<Vector512Kernel6x32>.Run(ops, rowStart, rowEnd, colStart, colEnd);
                break;
            case GemmPath.Vector256:
                GemmBlocked<Vector256Kernel6x16>.Run(ops, rowStart, rowEnd, colStart, colEnd);
                break;
            default:
                GemmScalar.Run(ops, rowStart, rowEnd, colStart, colEnd);
                break;
        }
    }

    private static void Validate(int aLength, int bLength, int cLength, int m, int n, int k, int threads)
    {
        // Built only on failure so valid calls stay allocation-free.
        List<string>? errors = null;
        if (m < 0 || n < 0 || k < 0)
        {
            (errors ??= []).Add($"dimensions must be non-negative (m={m}, n={n}, k={k})");
        }
        else
        {
            if (aLength < (long)m * k)
            {
                (errors ??= []).Add($"a has {aLength} elements but op(A) is [{m}, {k}] = {(long)m * k}");
            }

            if (bLength < (long)k * n)
            {
                (errors ??= []).Add($"b has {bLength} elements but op(B) is [{k}, {n}] = {(long)k * n}");
            }

            if (cLength < (long)m * n)
            {
                (errors ??= []).Add($"c has {cLength} elements but C is [{m}, {n}] = {(long)m * n}");
            }
        }

        if (threads < 1)
        {
            (errors ??= []).Add($"threads must be at least 1 (got {threads})");
        }

        if (errors is not null)
        {
            throw new ArgumentException("Gemm.Multiply: " + string.Join("; ", errors) + ".");
        }
    }
}
