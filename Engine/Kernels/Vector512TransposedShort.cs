using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Engine.Kernels;

/// <summary>
/// C = Aᵀ·B (or C += Aᵀ·B), A stored [k, m], for a short C of 16 columns over a deep k: 17 to 32 rows, 16 columns (two groups of 8; 11 to 15 columns would leave a group partly empty). That is
/// the weight gradient of a convolution with few taps, colsᵀ·dY: 25×16 over 10,192 rows for conv5x5:16 on one channel.
/// The 12×16 tile ran it at 50-62 GFLOPS (about a quarter of a core's peak here): each fused multiply-add needs a broadcast of A, and broadcasts, not the
/// multiply-adds, set its pace. Here the vectors run along C's rows instead: one row of A (read in place) is two vectors
/// covering all of C's rows, and a 32×8 tile needs 2 loads and 8 broadcasts of B per 16 fused multiply-adds. Lanes past
/// C's last row compute on whatever follows in A and are never stored. Each element starts from 0 (or its old value) and
/// takes its k products in increasing k order with one fused multiply-add each: the bits of every other path.
/// Unrolled by hand like the other kernels: the JIT keeps accumulators in registers only when each is a separate local.
/// </summary>
internal static unsafe class Vector512TransposedShort
{
    private const int TileRows = 32;
    private const int TileColumns = 8;

    /// <summary>
    /// Depths at the end of A whose 32-float read would leave A: a read from row r &lt; m of the last depth runs r + 32 − m
    /// floats past it, which is fewer than two rows of m ≥ 17.
    /// </summary>
    private const int MaxTail = 2;

    /// <summary>Depth below which the tile's gather and scatter through a buffer cost more than its products save.</summary>
    private const int MinDepth = 64;

    public static bool Applies(in GemmOperands ops) =>
        ops.TransA && !ops.TransB && ops.BRows == null && ops.M is > 16 and <= TileRows
        && ops.N == 2 * TileColumns && ops.K >= MinDepth;

    public static void Run(in GemmOperands ops, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        var buffer = stackalloc float[TileRows * TileColumns];
        var lastRows = stackalloc float[TileRows * MaxTail];
        for (var row = rowStart; row < rowEnd; row += TileRows)
        {
            var rows = Math.Min(TileRows, rowEnd - row);
            for (var col = colStart; col < colEnd; col += TileColumns)
            {
                var panel = GemmPacking.ColumnPanel(ops, col, colEnd, TileColumns, out var stride);
                Tile(ops, row, rows, col, colEnd, panel, stride, buffer, lastRows);
            }
        }
    }

    /// <summary>C[row .. row + rows, col .. col + 8) through <paramref name="buffer"/> ([8][32], column by column).</summary>
    private static void Tile(in GemmOperands ops, int row, int rows, int col, int colEnd, float* panel, nint stride, float* buffer, float* lastRows)
    {
        var columns = Math.Min(TileColumns, colEnd - col);
        var (m, depth) = (ops.M, ops.K);
        if (ops.Accumulate)
            ColumnMajorTile.Load(ops, row, rows, TileRows, col, columns, buffer);
        else
            new Span<float>(buffer, TileRows * TileColumns).Clear();

        // Depths whose 32-float read stays inside A run in place; the last one or two read zero-padded copies of their rows.
        var room = (long)depth * m - row - TileRows;
        var inPlace = room < 0 ? 0 : (int)Math.Min(depth, room / m + 1);
        Accumulate(ops.A + row, m, panel, stride, inPlace, buffer);
        var tail = depth - inPlace;
        if (tail > 0)
        {
            new Span<float>(lastRows, TileRows * MaxTail).Clear();
            for (var p = 0; p < tail; p++)
                new ReadOnlySpan<float>(ops.A + (nint)(inPlace + p) * m + row, rows).CopyTo(new Span<float>(lastRows + p * TileRows, rows));
            Accumulate(lastRows, TileRows, panel + inPlace * stride, stride, tail, buffer);
        }

        ColumnMajorTile.Store(ops, row, rows, TileRows, col, columns, buffer);
    }

    /// <summary>
    /// buffer[j·32 + i] += Σ over p &lt; depth, in order, of a[p·lda + i]·b[p·ldb + j], one fused multiply-add each: the
    /// tile's accumulators come from the buffer and go back to it, so a depth can run in two pieces.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate(float* a, nint lda, float* b, nint ldb, int depth, float* buffer)
    {
        var c0_0 = Vector512.Load(buffer + 0 * TileRows);
        var c0_1 = Vector512.Load(buffer + 0 * TileRows + 16);
        var c1_0 = Vector512.Load(buffer + 1 * TileRows);
        var c1_1 = Vector512.Load(buffer + 1 * TileRows + 16);
        var c2_0 = Vector512.Load(buffer + 2 * TileRows);
        var c2_1 = Vector512.Load(buffer + 2 * TileRows + 16);
        var c3_0 = Vector512.Load(buffer + 3 * TileRows);
        var c3_1 = Vector512.Load(buffer + 3 * TileRows + 16);
        var c4_0 = Vector512.Load(buffer + 4 * TileRows);
        var c4_1 = Vector512.Load(buffer + 4 * TileRows + 16);
        var c5_0 = Vector512.Load(buffer + 5 * TileRows);
        var c5_1 = Vector512.Load(buffer + 5 * TileRows + 16);
        var c6_0 = Vector512.Load(buffer + 6 * TileRows);
        var c6_1 = Vector512.Load(buffer + 6 * TileRows + 16);
        var c7_0 = Vector512.Load(buffer + 7 * TileRows);
        var c7_1 = Vector512.Load(buffer + 7 * TileRows + 16);
        for (var p = 0; p < depth; p++)
        {
            var a0 = Vector512.Load(a);
            var a1 = Vector512.Load(a + 16);
            var b0 = Vector512.Create(b[0]);
            c0_0 = Vector512.FusedMultiplyAdd(a0, b0, c0_0);
            c0_1 = Vector512.FusedMultiplyAdd(a1, b0, c0_1);
            var b1 = Vector512.Create(b[1]);
            c1_0 = Vector512.FusedMultiplyAdd(a0, b1, c1_0);
            c1_1 = Vector512.FusedMultiplyAdd(a1, b1, c1_1);
            var b2 = Vector512.Create(b[2]);
            c2_0 = Vector512.FusedMultiplyAdd(a0, b2, c2_0);
            c2_1 = Vector512.FusedMultiplyAdd(a1, b2, c2_1);
            var b3 = Vector512.Create(b[3]);
            c3_0 = Vector512.FusedMultiplyAdd(a0, b3, c3_0);
            c3_1 = Vector512.FusedMultiplyAdd(a1, b3, c3_1);
            var b4 = Vector512.Create(b[4]);
            c4_0 = Vector512.FusedMultiplyAdd(a0, b4, c4_0);
            c4_1 = Vector512.FusedMultiplyAdd(a1, b4, c4_1);
            var b5 = Vector512.Create(b[5]);
            c5_0 = Vector512.FusedMultiplyAdd(a0, b5, c5_0);
            c5_1 = Vector512.FusedMultiplyAdd(a1, b5, c5_1);
            var b6 = Vector512.Create(b[6]);
            c6_0 = Vector512.FusedMultiplyAdd(a0, b6, c6_0);
            c6_1 = Vector512.FusedMultiplyAdd(a1, b6, c6_1);
            var b7 = Vector512.Create(b[7]);
            c7_0 = Vector512.FusedMultiplyAdd(a0, b7, c7_0);
            c7_1 = Vector512.FusedMultiplyAdd(a1, b7, c7_1);
            a += lda;
            b += ldb;
        }

        c0_0.Store(buffer + 0 * TileRows);
        c0_1.Store(buffer + 0 * TileRows + 16);
        c1_0.Store(buffer + 1 * TileRows);
        c1_1.Store(buffer + 1 * TileRows + 16);
        c2_0.Store(buffer + 2 * TileRows);
        c2_1.Store(buffer + 2 * TileRows + 16);
        c3_0.Store(buffer + 3 * TileRows);
        c3_1.Store(buffer + 3 * TileRows + 16);
        c4_0.Store(buffer + 4 * TileRows);
        c4_1.Store(buffer + 4 * TileRows + 16);
        c5_0.Store(buffer + 5 * TileRows);
        c5_1.Store(buffer + 5 * TileRows + 16);
        c6_0.Store(buffer + 6 * TileRows);
        c6_1.Store(buffer + 6 * TileRows + 16);
        c7_0.Store(buffer + 7 * TileRows);
        c7_1.Store(buffer + 7 * TileRows + 16);
    }
}
