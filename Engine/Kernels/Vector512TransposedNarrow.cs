using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sweep.Engine.Kernels;

/// <summary>
/// C = op(A)·B (or C += op(A)·B) with at most 10 columns in C: the 10-class output layers' products (forward X·W
/// 100×10×784, weight gradients Xᵀ·dZ 784×10×100 and Hᵀ·dY 500×10×100). A 12×16 tile kernel runs these with one vector
/// per row of C, so only 10 of its 16 lanes work and each fused multiply-add needs a broadcast of A. Here the vectors run
/// along C's rows instead: a row of Aᵀ holds 16 consecutive rows of C in one load, every lane works, and a 64×5 tile
/// needs 4 loads and 5 broadcasts of B per 20 fused multiply-adds. A stored [k, m] is Aᵀ already; A stored [m, k] is
/// transposed 64 rows at a time (GemmPacking's panel layout, one panel of up to 64 rows). Whole tiles go back into C from
/// registers; edge tiles through a small buffer. Each element still starts from 0 (or its old value) and takes its k products in increasing k order with one
/// fused multiply-add each, so the bits are those of every other path (Gemm's determinism contract).
/// Unrolled by hand like the other kernels: the JIT keeps accumulators in registers only when each is a separate local.
/// </summary>
internal static unsafe class Vector512TransposedNarrow
{
    /// <summary>
    /// At most this many columns in C. At 11 to 16 columns the 12×16 tile wastes few lanes, and at 16 (a convolution
    /// with 16 output channels) none, while the 5-column groups here would leave a group partly empty.
    /// </summary>
    public const int MaxColumns = 10;

    /// <summary>
    /// Depth below which transposing A costs more than the products it feeds: each transposed element meets one fused
    /// multiply-add per column group, and a 5×5 single-channel convolution (depth 25) ran slower than on the 12×16 tile.
    /// </summary>
    private const int MinTransposedDepth = 64;

    private const int TileRows = 64;
    private const int NarrowRows = 16;
    private const int TileColumns = 5;

    /// <summary>
    /// Whether this kernel computes the product: op(B) = B in place and C at most 10 wide. A stored [k, m] is read in
    /// place; A stored [m, k] (the 10-class forward X·W) is transposed first, 64 rows at a time, into [k][64].
    /// </summary>
    public static bool Applies(in GemmOperands ops) =>
        !ops.TransB && ops.BRows == null && ops.N <= MaxColumns && (ops.TransA || (ops.K >= MinTransposedDepth && GemmTranspose.IsSupported));

    public static void Run(in GemmOperands ops, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        var buffer = stackalloc float[TileRows * TileColumns];
        if (ops.TransA)
        {
            RunOn(ops, ops.A + rowStart, ops.M, rowStart, rowEnd, colStart, colEnd, padded: false, buffer);
            return;
        }

        // 64 rows of A transposed (200 KB at k = 784) stay in L2 while both column groups read them.
        var packed = GemmScratch.Current.PackedA(ops.K * TileRows);
        for (var row = rowStart; row < rowEnd; row += TileRows)
        {
            var rows = Math.Min(TileRows, rowEnd - row);
            var width = (rows + NarrowRows - 1) / NarrowRows * NarrowRows;
            GemmPacking.PackA(ops, row, rows, 0, ops.K, width, packed); // one panel [k][width], rows past A zeroed
            RunOn(ops, packed, width, row, row + rows, colStart, colEnd, padded: true, buffer);
        }
    }

    /// <summary>
    /// C's rows [rowStart, rowEnd) from a[p·lda + i] = A's element (depth p, row rowStart + i). When <paramref name="padded"/>,
    /// a's rows run on, zeroed, to a multiple of 16, so the last tile reads them in place.
    /// </summary>
    private static void RunOn(
        in GemmOperands ops, float* a, nint lda, int rowStart, int rowEnd, int colStart, int colEnd, bool padded, float* buffer)
    {
        var row = rowStart;
        while (row < rowEnd)
        {
            var left = rowEnd - row;
            var tile = a + (row - rowStart);
            var tileStride = lda;
            // Up to 4 vectors of 16 rows: fewer (and a shorter tile) only at the end of the rows.
            var vectors = Math.Min(TileRows / NarrowRows, padded ? (left + NarrowRows - 1) / NarrowRows : left / NarrowRows);
            if (vectors == 0)
            {
                // Fewer than 16 rows of A stored [k, m] left: a load there would run past A's row, so they are packed,
                // zero-padded, into [k][16].
                var packed = GemmScratch.Current.PackedA(ops.K * NarrowRows);
                GemmPacking.PackA(ops, row, left, 0, ops.K, NarrowRows, packed);
                tile = packed;
                tileStride = NarrowRows;
                vectors = 1;
            }

            var rows = Math.Min(left, vectors * NarrowRows);
            for (var col = colStart; col < colEnd; col += TileColumns)
            {
                var panel = GemmPacking.ColumnPanel(ops, col, colEnd, TileColumns, out var stride);
                switch (vectors)
                {
                    case 4: Tile64(ops, tile, tileStride, row, rows, col, colEnd, panel, stride, buffer); break;
                    case 3: Tile48(ops, tile, tileStride, row, rows, col, colEnd, panel, stride, buffer); break;
                    case 2: Tile32(ops, tile, tileStride, row, rows, col, colEnd, panel, stride, buffer); break;
                    default: Tile16(ops, tile, tileStride, row, rows, col, colEnd, panel, stride, buffer); break;
                }
            }

            row += rows;
        }
    }

    /// <summary>
    /// C rows r = 0..15 from <paramref name="target"/> (n floats apart) take (c0[r], c1[r], c2[r], c3[r], c4[r]): two
    /// rounds of unpacks leave row 4L + s's first four columns in 128-bit lane L of one vector and its fifth in lane L's
    /// first float of another, stored as one 128-bit store and one float. A third of the instructions of a copy through
    /// memory, which cost as much as the tile's products at k = 100.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRows16(
        Vector512<float> c0, Vector512<float> c1, Vector512<float> c2, Vector512<float> c3, Vector512<float> c4, float* target, nint n)
    {
        var t0 = Avx512F.UnpackLow(c0, c1).AsDouble();   // lane L: c0[4L], c1[4L], c0[4L+1], c1[4L+1]
        var t1 = Avx512F.UnpackHigh(c0, c1).AsDouble();  // lane L: c0[4L+2], c1[4L+2], c0[4L+3], c1[4L+3]
        var t2 = Avx512F.UnpackLow(c2, c3).AsDouble();
        var t3 = Avx512F.UnpackHigh(c2, c3).AsDouble();
        var t4 = Avx512F.UnpackLow(c4, Vector512<float>.Zero).AsDouble();
        var t5 = Avx512F.UnpackHigh(c4, Vector512<float>.Zero).AsDouble();
        var zero = Vector512<double>.Zero;
        StoreRows4(Avx512F.UnpackLow(t0, t2).AsSingle(), Avx512F.UnpackLow(t4, zero).AsSingle(), target, 4 * n);
        StoreRows4(Avx512F.UnpackHigh(t0, t2).AsSingle(), Avx512F.UnpackHigh(t4, zero).AsSingle(), target + n, 4 * n);
        StoreRows4(Avx512F.UnpackLow(t1, t3).AsSingle(), Avx512F.UnpackLow(t5, zero).AsSingle(), target + 2 * n, 4 * n);
        StoreRows4(Avx512F.UnpackHigh(t1, t3).AsSingle(), Avx512F.UnpackHigh(t5, zero).AsSingle(), target + 3 * n, 4 * n);
    }

    /// <summary>Row L·stride from <paramref name="target"/>, L = 0..3: lane L of <paramref name="first4"/>, then lane L's first float of <paramref name="fifth"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRows4(Vector512<float> first4, Vector512<float> fifth, float* target, nint stride)
    {
        Avx512F.ExtractVector128(first4, 0).Store(target);
        target[4] = Avx512F.ExtractVector128(fifth, 0).ToScalar();
        Avx512F.ExtractVector128(first4, 1).Store(target + stride);
        target[stride + 4] = Avx512F.ExtractVector128(fifth, 1).ToScalar();
        Avx512F.ExtractVector128(first4, 2).Store(target + 2 * stride);
        target[2 * stride + 4] = Avx512F.ExtractVector128(fifth, 2).ToScalar();
        Avx512F.ExtractVector128(first4, 3).Store(target + 3 * stride);
        target[3 * stride + 4] = Avx512F.ExtractVector128(fifth, 3).ToScalar();
    }

    /// <summary>C[row .. row + 64, col .. col + 5) from a[p·lda + i] (depth p, tile row i) and panel[p·stride + j]; only <paramref name="rows"/> rows are stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile64(in GemmOperands ops, float* a, nint lda, int row, int rows, int col, int colEnd, float* panel, nint stride, float* buffer)
    {
        Vector512<float> c0_0;
        Vector512<float> c1_0;
        Vector512<float> c2_0;
        Vector512<float> c3_0;
        Vector512<float> c0_1;
        Vector512<float> c1_1;
        Vector512<float> c2_1;
        Vector512<float> c3_1;
        Vector512<float> c0_2;
        Vector512<float> c1_2;
        Vector512<float> c2_2;
        Vector512<float> c3_2;
        Vector512<float> c0_3;
        Vector512<float> c1_3;
        Vector512<float> c2_3;
        Vector512<float> c3_3;
        Vector512<float> c0_4;
        Vector512<float> c1_4;
        Vector512<float> c2_4;
        Vector512<float> c3_4;
        if (ops.Accumulate)
        {
            ColumnMajorTile.Load(ops, row, rows, 64, col, Math.Min(TileColumns, colEnd - col), buffer);
            c0_0 = Vector512.Load(buffer + 0);
            c1_0 = Vector512.Load(buffer + 16);
            c2_0 = Vector512.Load(buffer + 32);
            c3_0 = Vector512.Load(buffer + 48);
            c0_1 = Vector512.Load(buffer + 64);
            c1_1 = Vector512.Load(buffer + 80);
            c2_1 = Vector512.Load(buffer + 96);
            c3_1 = Vector512.Load(buffer + 112);
            c0_2 = Vector512.Load(buffer + 128);
            c1_2 = Vector512.Load(buffer + 144);
            c2_2 = Vector512.Load(buffer + 160);
            c3_2 = Vector512.Load(buffer + 176);
            c0_3 = Vector512.Load(buffer + 192);
            c1_3 = Vector512.Load(buffer + 208);
            c2_3 = Vector512.Load(buffer + 224);
            c3_3 = Vector512.Load(buffer + 240);
            c0_4 = Vector512.Load(buffer + 256);
            c1_4 = Vector512.Load(buffer + 272);
            c2_4 = Vector512.Load(buffer + 288);
            c3_4 = Vector512.Load(buffer + 304);
        }
        else
        {
            c0_0 = Vector512<float>.Zero;
            c1_0 = Vector512<float>.Zero;
            c2_0 = Vector512<float>.Zero;
            c3_0 = Vector512<float>.Zero;
            c0_1 = Vector512<float>.Zero;
            c1_1 = Vector512<float>.Zero;
            c2_1 = Vector512<float>.Zero;
            c3_1 = Vector512<float>.Zero;
            c0_2 = Vector512<float>.Zero;
            c1_2 = Vector512<float>.Zero;
            c2_2 = Vector512<float>.Zero;
            c3_2 = Vector512<float>.Zero;
            c0_3 = Vector512<float>.Zero;
            c1_3 = Vector512<float>.Zero;
            c2_3 = Vector512<float>.Zero;
            c3_3 = Vector512<float>.Zero;
            c0_4 = Vector512<float>.Zero;
            c1_4 = Vector512<float>.Zero;
            c2_4 = Vector512<float>.Zero;
            c3_4 = Vector512<float>.Zero;
        }

        var end = panel + ops.K * stride;
        for (; panel < end; panel += stride)
        {
            var a0 = Vector512.Load(a + 0);
            var a1 = Vector512.Load(a + 16);
            var a2 = Vector512.Load(a + 32);
            var a3 = Vector512.Load(a + 48);
            var s0 = Vector512.Create(panel[0]);
            c0_0 = Vector512.FusedMultiplyAdd(a0, s0, c0_0);
            c1_0 = Vector512.FusedMultiplyAdd(a1, s0, c1_0);
            c2_0 = Vector512.FusedMultiplyAdd(a2, s0, c2_0);
            c3_0 = Vector512.FusedMultiplyAdd(a3, s0, c3_0);
            var s1 = Vector512.Create(panel[1]);
            c0_1 = Vector512.FusedMultiplyAdd(a0, s1, c0_1);
            c1_1 = Vector512.FusedMultiplyAdd(a1, s1, c1_1);
            c2_1 = Vector512.FusedMultiplyAdd(a2, s1, c2_1);
            c3_1 = Vector512.FusedMultiplyAdd(a3, s1, c3_1);
            var s2 = Vector512.Create(panel[2]);
            c0_2 = Vector512.FusedMultiplyAdd(a0, s2, c0_2);
            c1_2 = Vector512.FusedMultiplyAdd(a1, s2, c1_2);
            c2_2 = Vector512.FusedMultiplyAdd(a2, s2, c2_2);
            c3_2 = Vector512.FusedMultiplyAdd(a3, s2, c3_2);
            var s3 = Vector512.Create(panel[3]);
            c0_3 = Vector512.FusedMultiplyAdd(a0, s3, c0_3);
            c1_3 = Vector512.FusedMultiplyAdd(a1, s3, c1_3);
            c2_3 = Vector512.FusedMultiplyAdd(a2, s3, c2_3);
            c3_3 = Vector512.FusedMultiplyAdd(a3, s3, c3_3);
            var s4 = Vector512.Create(panel[4]);
            c0_4 = Vector512.FusedMultiplyAdd(a0, s4, c0_4);
            c1_4 = Vector512.FusedMultiplyAdd(a1, s4, c1_4);
            c2_4 = Vector512.FusedMultiplyAdd(a2, s4, c2_4);
            c3_4 = Vector512.FusedMultiplyAdd(a3, s4, c3_4);
            a += lda;
        }

        if (rows == 64 && col + TileColumns <= colEnd)
        {
            // A whole tile of 5 columns: stored from registers.
            var target = ops.C + (nint)row * ops.N + col;
            nint n = ops.N;
            StoreRows16(c0_0, c0_1, c0_2, c0_3, c0_4, target, n);
            StoreRows16(c1_0, c1_1, c1_2, c1_3, c1_4, target + 16 * n, n);
            StoreRows16(c2_0, c2_1, c2_2, c2_3, c2_4, target + 32 * n, n);
            StoreRows16(c3_0, c3_1, c3_2, c3_3, c3_4, target + 48 * n, n);
            return;
        }

        c0_0.Store(buffer + 0);
        c1_0.Store(buffer + 16);
        c2_0.Store(buffer + 32);
        c3_0.Store(buffer + 48);
        c0_1.Store(buffer + 64);
        c1_1.Store(buffer + 80);
        c2_1.Store(buffer + 96);
        c3_1.Store(buffer + 112);
        c0_2.Store(buffer + 128);
        c1_2.Store(buffer + 144);
        c2_2.Store(buffer + 160);
        c3_2.Store(buffer + 176);
        c0_3.Store(buffer + 192);
        c1_3.Store(buffer + 208);
        c2_3.Store(buffer + 224);
        c3_3.Store(buffer + 240);
        c0_4.Store(buffer + 256);
        c1_4.Store(buffer + 272);
        c2_4.Store(buffer + 288);
        c3_4.Store(buffer + 304);
        ColumnMajorTile.Store(ops, row, rows, 64, col, Math.Min(TileColumns, colEnd - col), buffer);
    }

    /// <summary>C[row .. row + 48, col .. col + 5) from a[p·lda + i] (depth p, tile row i) and panel[p·stride + j]; only <paramref name="rows"/> rows are stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile48(in GemmOperands ops, float* a, nint lda, int row, int rows, int col, int colEnd, float* panel, nint stride, float* buffer)
    {
        Vector512<float> c0_0;
        Vector512<float> c1_0;
        Vector512<float> c2_0;
        Vector512<float> c0_1;
        Vector512<float> c1_1;
        Vector512<float> c2_1;
        Vector512<float> c0_2;
        Vector512<float> c1_2;
        Vector512<float> c2_2;
        Vector512<float> c0_3;
        Vector512<float> c1_3;
        Vector512<float> c2_3;
        Vector512<float> c0_4;
        Vector512<float> c1_4;
        Vector512<float> c2_4;
        if (ops.Accumulate)
        {
            ColumnMajorTile.Load(ops, row, rows, 48, col, Math.Min(TileColumns, colEnd - col), buffer);
            c0_0 = Vector512.Load(buffer + 0);
            c1_0 = Vector512.Load(buffer + 16);
            c2_0 = Vector512.Load(buffer + 32);
            c0_1 = Vector512.Load(buffer + 48);
            c1_1 = Vector512.Load(buffer + 64);
            c2_1 = Vector512.Load(buffer + 80);
            c0_2 = Vector512.Load(buffer + 96);
            c1_2 = Vector512.Load(buffer + 112);
            c2_2 = Vector512.Load(buffer + 128);
            c0_3 = Vector512.Load(buffer + 144);
            c1_3 = Vector512.Load(buffer + 160);
            c2_3 = Vector512.Load(buffer + 176);
            c0_4 = Vector512.Load(buffer + 192);
            c1_4 = Vector512.Load(buffer + 208);
            c2_4 = Vector512.Load(buffer + 224);
        }
        else
        {
            c0_0 = Vector512<float>.Zero;
            c1_0 = Vector512<float>.Zero;
            c2_0 = Vector512<float>.Zero;
            c0_1 = Vector512<float>.Zero;
            c1_1 = Vector512<float>.Zero;
            c2_1 = Vector512<float>.Zero;
            c0_2 = Vector512<float>.Zero;
            c1_2 = Vector512<float>.Zero;
            c2_2 = Vector512<float>.Zero;
            c0_3 = Vector512<float>.Zero;
            c1_3 = Vector512<float>.Zero;
            c2_3 = Vector512<float>.Zero;
            c0_4 = Vector512<float>.Zero;
            c1_4 = Vector512<float>.Zero;
            c2_4 = Vector512<float>.Zero;
        }

        var end = panel + ops.K * stride;
        for (; panel < end; panel += stride)
        {
            var a0 = Vector512.Load(a + 0);
            var a1 = Vector512.Load(a + 16);
            var a2 = Vector512.Load(a + 32);
            var s0 = Vector512.Create(panel[0]);
            c0_0 = Vector512.FusedMultiplyAdd(a0, s0, c0_0);
            c1_0 = Vector512.FusedMultiplyAdd(a1, s0, c1_0);
            c2_0 = Vector512.FusedMultiplyAdd(a2, s0, c2_0);
            var s1 = Vector512.Create(panel[1]);
            c0_1 = Vector512.FusedMultiplyAdd(a0, s1, c0_1);
            c1_1 = Vector512.FusedMultiplyAdd(a1, s1, c1_1);
            c2_1 = Vector512.FusedMultiplyAdd(a2, s1, c2_1);
            var s2 = Vector512.Create(panel[2]);
            c0_2 = Vector512.FusedMultiplyAdd(a0, s2, c0_2);
            c1_2 = Vector512.FusedMultiplyAdd(a1, s2, c1_2);
            c2_2 = Vector512.FusedMultiplyAdd(a2, s2, c2_2);
            var s3 = Vector512.Create(panel[3]);
            c0_3 = Vector512.FusedMultiplyAdd(a0, s3, c0_3);
            c1_3 = Vector512.FusedMultiplyAdd(a1, s3, c1_3);
            c2_3 = Vector512.FusedMultiplyAdd(a2, s3, c2_3);
            var s4 = Vector512.Create(panel[4]);
            c0_4 = Vector512.FusedMultiplyAdd(a0, s4, c0_4);
            c1_4 = Vector512.FusedMultiplyAdd(a1, s4, c1_4);
            c2_4 = Vector512.FusedMultiplyAdd(a2, s4, c2_4);
            a += lda;
        }

        if (rows == 48 && col + TileColumns <= colEnd)
        {
            // A whole tile of 5 columns: stored from registers.
            var target = ops.C + (nint)row * ops.N + col;
            nint n = ops.N;
            StoreRows16(c0_0, c0_1, c0_2, c0_3, c0_4, target, n);
            StoreRows16(c1_0, c1_1, c1_2, c1_3, c1_4, target + 16 * n, n);
            StoreRows16(c2_0, c2_1, c2_2, c2_3, c2_4, target + 32 * n, n);
            return;
        }

        c0_0.Store(buffer + 0);
        c1_0.Store(buffer + 16);
        c2_0.Store(buffer + 32);
        c0_1.Store(buffer + 48);
        c1_1.Store(buffer + 64);
        c2_1.Store(buffer + 80);
        c0_2.Store(buffer + 96);
        c1_2.Store(buffer + 112);
        c2_2.Store(buffer + 128);
        c0_3.Store(buffer + 144);
        c1_3.Store(buffer + 160);
        c2_3.Store(buffer + 176);
        c0_4.Store(buffer + 192);
        c1_4.Store(buffer + 208);
        c2_4.Store(buffer + 224);
        ColumnMajorTile.Store(ops, row, rows, 48, col, Math.Min(TileColumns, colEnd - col), buffer);
    }

    /// <summary>C[row .. row + 32, col .. col + 5) from a[p·lda + i] (depth p, tile row i) and panel[p·stride + j]; only <paramref name="rows"/> rows are stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile32(in GemmOperands ops, float* a, nint lda, int row, int rows, int col, int colEnd, float* panel, nint stride, float* buffer)
    {
        Vector512<float> c0_0;
        Vector512<float> c1_0;
        Vector512<float> c0_1;
        Vector512<float> c1_1;
        Vector512<float> c0_2;
        Vector512<float> c1_2;
        Vector512<float> c0_3;
        Vector512<float> c1_3;
        Vector512<float> c0_4;
        Vector512<float> c1_4;
        if (ops.Accumulate)
        {
            ColumnMajorTile.Load(ops, row, rows, 32, col, Math.Min(TileColumns, colEnd - col), buffer);
            c0_0 = Vector512.Load(buffer + 0);
            c1_0 = Vector512.Load(buffer + 16);
            c0_1 = Vector512.Load(buffer + 32);
            c1_1 = Vector512.Load(buffer + 48);
            c0_2 = Vector512.Load(buffer + 64);
            c1_2 = Vector512.Load(buffer + 80);
            c0_3 = Vector512.Load(buffer + 96);
            c1_3 = Vector512.Load(buffer + 112);
            c0_4 = Vector512.Load(buffer + 128);
            c1_4 = Vector512.Load(buffer + 144);
        }
        else
        {
            c0_0 = Vector512<float>.Zero;
            c1_0 = Vector512<float>.Zero;
            c0_1 = Vector512<float>.Zero;
            c1_1 = Vector512<float>.Zero;
            c0_2 = Vector512<float>.Zero;
            c1_2 = Vector512<float>.Zero;
            c0_3 = Vector512<float>.Zero;
            c1_3 = Vector512<float>.Zero;
            c0_4 = Vector512<float>.Zero;
            c1_4 = Vector512<float>.Zero;
        }

        var end = panel + ops.K * stride;
        for (; panel < end; panel += stride)
        {
            var a0 = Vector512.Load(a + 0);
            var a1 = Vector512.Load(a + 16);
            var s0 = Vector512.Create(panel[0]);
            c0_0 = Vector512.FusedMultiplyAdd(a0, s0, c0_0);
            c1_0 = Vector512.FusedMultiplyAdd(a1, s0, c1_0);
            var s1 = Vector512.Create(panel[1]);
            c0_1 = Vector512.FusedMultiplyAdd(a0, s1, c0_1);
            c1_1 = Vector512.FusedMultiplyAdd(a1, s1, c1_1);
            var s2 = Vector512.Create(panel[2]);
            c0_2 = Vector512.FusedMultiplyAdd(a0, s2, c0_2);
            c1_2 = Vector512.FusedMultiplyAdd(a1, s2, c1_2);
            var s3 = Vector512.Create(panel[3]);
            c0_3 = Vector512.FusedMultiplyAdd(a0, s3, c0_3);
            c1_3 = Vector512.FusedMultiplyAdd(a1, s3, c1_3);
            var s4 = Vector512.Create(panel[4]);
            c0_4 = Vector512.FusedMultiplyAdd(a0, s4, c0_4);
            c1_4 = Vector512.FusedMultiplyAdd(a1, s4, c1_4);
            a += lda;
        }

        if (rows == 32 && col + TileColumns <= colEnd)
        {
            // A whole tile of 5 columns: stored from registers.
            var target = ops.C + (nint)row * ops.N + col;
            nint n = ops.N;
            StoreRows16(c0_0, c0_1, c0_2, c0_3, c0_4, target, n);
            StoreRows16(c1_0, c1_1, c1_2, c1_3, c1_4, target + 16 * n, n);
            return;
        }

        c0_0.Store(buffer + 0);
        c1_0.Store(buffer + 16);
        c0_1.Store(buffer + 32);
        c1_1.Store(buffer + 48);
        c0_2.Store(buffer + 64);
        c1_2.Store(buffer + 80);
        c0_3.Store(buffer + 96);
        c1_3.Store(buffer + 112);
        c0_4.Store(buffer + 128);
        c1_4.Store(buffer + 144);
        ColumnMajorTile.Store(ops, row, rows, 32, col, Math.Min(TileColumns, colEnd - col), buffer);
    }

    /// <summary>C[row .. row + 16, col .. col + 5) from a[p·lda + i] (depth p, tile row i) and panel[p·stride + j]; only <paramref name="rows"/> rows are stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile16(in GemmOperands ops, float* a, nint lda, int row, int rows, int col, int colEnd, float* panel, nint stride, float* buffer)
    {
        Vector512<float> c0_0;
        Vector512<float> c0_1;
        Vector512<float> c0_2;
        Vector512<float> c0_3;
        Vector512<float> c0_4;
        if (ops.Accumulate)
        {
            ColumnMajorTile.Load(ops, row, rows, 16, col, Math.Min(TileColumns, colEnd - col), buffer);
            c0_0 = Vector512.Load(buffer + 0);
            c0_1 = Vector512.Load(buffer + 16);
            c0_2 = Vector512.Load(buffer + 32);
            c0_3 = Vector512.Load(buffer + 48);
            c0_4 = Vector512.Load(buffer + 64);
        }
        else
        {
            c0_0 = Vector512<float>.Zero;
            c0_1 = Vector512<float>.Zero;
            c0_2 = Vector512<float>.Zero;
            c0_3 = Vector512<float>.Zero;
            c0_4 = Vector512<float>.Zero;
        }

        var end = panel + ops.K * stride;
        for (; panel < end; panel += stride)
        {
            var a0 = Vector512.Load(a + 0);
            var s0 = Vector512.Create(panel[0]);
            c0_0 = Vector512.FusedMultiplyAdd(a0, s0, c0_0);
            var s1 = Vector512.Create(panel[1]);
            c0_1 = Vector512.FusedMultiplyAdd(a0, s1, c0_1);
            var s2 = Vector512.Create(panel[2]);
            c0_2 = Vector512.FusedMultiplyAdd(a0, s2, c0_2);
            var s3 = Vector512.Create(panel[3]);
            c0_3 = Vector512.FusedMultiplyAdd(a0, s3, c0_3);
            var s4 = Vector512.Create(panel[4]);
            c0_4 = Vector512.FusedMultiplyAdd(a0, s4, c0_4);
            a += lda;
        }

        if (rows == 16 && col + TileColumns <= colEnd)
        {
            // A whole tile of 5 columns: stored from registers.
            var target = ops.C + (nint)row * ops.N + col;
            nint n = ops.N;
            StoreRows16(c0_0, c0_1, c0_2, c0_3, c0_4, target, n);
            return;
        }

        c0_0.Store(buffer + 0);
        c0_1.Store(buffer + 16);
        c0_2.Store(buffer + 32);
        c0_3.Store(buffer + 48);
        c0_4.Store(buffer + 64);
        ColumnMajorTile.Store(ops, row, rows, 16, col, Math.Min(TileColumns, colEnd - col), buffer);
    }
}
