using System.Runtime.Intrinsics;
using Sweep.Engine.Parallelism;

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
    // Below about this many multiply-adds per thread (~6 µs of work) a split loses: the fork and join cost ~0.5 µs, but
    // on this 2-vCPU VM the operands the other core wrote last (X, W) cost more to move between caches than a small
    // product saves, so the 10-class products (0.5–0.8M) are not split here. (A network runs such a layer's forward
    // product and input gradient by blocks of batch rows instead, each on the core that holds those rows:
    // Model.FullyConnectedRows.)
    private const long MinMultiplyAddsPerThread = 1L << 20;

    [ThreadStatic]
    private static long multiplyAdds;

    /// <summary>
    /// Multiply-adds (m·n·k per call) of every product this thread asked for, whatever threads ran them: one add per call.
    /// The difference across an epoch is the work the epoch executed, from which `sweep bench engine` derives its floor.
    /// </summary>
    public static long MultiplyAddsOnThisThread => multiplyAdds;

    /// <summary>
    /// Adds <paramref name="count"/> to this thread's <see cref="MultiplyAddsOnThisThread"/>: a caller that hands whole
    /// products to other threads (each counts on its own) counts here the work it asked for.
    /// </summary>
    internal static void CountMultiplyAdds(long count) => multiplyAdds += count;

    /// <summary>Threads <see cref="Multiply(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, bool, bool, int)"/> splits an m×n×k product across: below ~1M multiply-adds per thread, one.</summary>
    public static int ThreadsFor(int m, int n, int k, int threads) =>
        (int)Math.Min(threads, Math.Max(1, (long)m * n * k / MinMultiplyAddsPerThread));

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

    /// <summary>
    /// C = A·B' where row p of B' [k, n] is row <paramref name="bRows"/>[p] of <paramref name="b"/> [rows, n]: a product
    /// over kept rows of a matrix (the first layer's weights of the non-blank input features) with no gathered copy,
    /// as Multiply would compute it on that copy, bit for bit.
    /// </summary>
    public static void MultiplyKeptRows(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<int> bRows, Span<float> c, int m, int n, int k, int threads = 1) =>
        MultiplyKeptRows(a, b, bRows, c, m, n, k, threads, GemmPath.Auto);

    internal static unsafe void MultiplyKeptRows(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<int> bRows, Span<float> c, int m, int n, int k, int threads, GemmPath path)
    {
        if (bRows.Length < k) throw new ArgumentException($"Gemm.MultiplyKeptRows: bRows has {bRows.Length} rows but k is {k}.");
        var rows = n == 0 ? 0 : b.Length / n;
        foreach (var row in bRows[..k])
        {
            if ((uint)row >= (uint)rows) throw new ArgumentException($"Gemm.MultiplyKeptRows: row {row} is outside b's {rows} rows.");
        }

        fixed (int* rowPointer = bRows)
        {
            // b's first k rows are always there (k ≤ rows), so the shape check of Multiply holds as is.
            Run(a, b, c, m, n, k, transA: false, transB: false, accumulate: false, threads, path, rowPointer);
        }
    }

    internal static void Multiply(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool transA, bool transB, bool accumulate, int threads, GemmPath path)
    {
        unsafe
        {
            Run(a, b, c, m, n, k, transA, transB, accumulate, threads, path, null);
        }
    }

    private static unsafe void Run(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool transA, bool transB, bool accumulate, int threads, GemmPath path, int* bRows)
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

        multiplyAdds += (long)m * n * k;

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
            var ops = new GemmOperands(aPointer, bPointer, cPointer, m, n, k, transA, transB, accumulate, bRows);
            var parts = ThreadsFor(m, n, k, threads);
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

        // Split the bigger operand's dimension in whole tiles, so each thread packs only its share of it and all of the
        // smaller one: columns of B [k, n] when n ≥ m, else rows of A [m, k] — when both dimensions give every thread a
        // panel; otherwise the one with more panels. (A weight gradient Xᵀ·dZ [1568 × 128] split by its 4 column panels
        // packed all of X on each thread: 142 GFLOPS on 2 threads against 234 split by rows.)
        var splitColumns = columnPanels >= parts && rowPanels >= parts ? ops.N >= ops.M : columnPanels >= rowPanels;
        WorkerPool.For(parts, splitColumns ? columnPanels : rowPanels,
            new PanelRange(path, ops, splitColumns, splitColumns ? colsPerTile : rowsPerTile));
    }

    /// <summary>Panels [start, end) of C's columns or rows: whole tiles, so every element runs the same kernel on any thread.</summary>
    private readonly struct PanelRange(GemmPath path, GemmOperands ops, bool splitColumns, int panelWidth) : IRangeWork
    {
        public void Run(int start, int end)
        {
            if (splitColumns)
            {
                RunRange(path, ops, 0, ops.M, start * panelWidth, Math.Min(ops.N, end * panelWidth));
            }
            else
            {
                RunRange(path, ops, start * panelWidth, Math.Min(ops.M, end * panelWidth), 0, ops.N);
            }
        }
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
            case GemmPath.Vector512 when Vector512TransposedNarrow.Applies(ops):
                // The 10 classes' products: vectors along C's rows, every lane busy.
                Vector512TransposedNarrow.Run(ops, rowStart, rowEnd, colStart, colEnd);
                break;
            case GemmPath.Vector512 when Vector512TransposedShort.Applies(ops):
                // A few-tap convolution's weight gradient (25×16 over thousands of rows): vectors along C's 17-32 rows.
                Vector512TransposedShort.Run(ops, rowStart, rowEnd, colStart, colEnd);
                break;
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
