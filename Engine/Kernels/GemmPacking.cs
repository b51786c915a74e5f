using System.Runtime.Intrinsics;

namespace Sweep.Engine.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the panel layouts the micro-kernels stream through contiguously,
/// absorbing both transposes here so a single kernel serves all four combinations. Panels are padded with
/// zeros to full width: padded lanes only feed padded outputs, which are never written back to C.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[rowStart .. rowStart+rows, depthStart .. depthStart+depth] into panels of panelRows rows:
    /// panel q occupies dst[q * panelRows * depth ..] laid out [depth][panelRows].
    /// </summary>
    public static void PackA(in GemmOperands ops, int rowStart, int rows, int depthStart, int depth, int panelRows, float* dst)
    {
        for (var panelStart = 0; panelStart < rows; panelStart += panelRows)
        {
            var valid = Math.Min(panelRows, rows - panelStart);
            var panel = dst + (nint)panelStart * depth;
            var firstRow = rowStart + panelStart;
            if (ops.TransA)
            {
                // A stored [k, m]: the panel's rows sit next to each other for each p.
                var src = ops.A + (nint)depthStart * ops.M + firstRow;
                for (var p = 0; p < depth; p++)
                {
                    var d = panel + (nint)p * panelRows;
                    var s = src + (nint)p * ops.M;
                    var i = 0;
                    for (; i < valid; i++)
                    {
                        d[i] = s[i];
                    }

                    for (; i < panelRows; i++)
                    {
                        d[i] = 0f;
                    }
                }
            }
            else
            {
                // A stored [m, k]: each panel lane is a contiguous row of A, so this is a transpose.
                var src = ops.A + (nint)firstRow * ops.K + depthStart;
                TransposeIntoPanel(src, ops.K, valid, depth, panel, panelRows);
            }
        }
    }

    /// <summary>
    /// Packs op(B)[depthStart .. depthStart+depth, colStart .. colStart+cols] into panels of panelCols columns:
    /// panel q occupies dst[q * panelCols * depth ..] laid out [depth][panelCols].
    /// </summary>
    public static void PackB(in GemmOperands ops, int depthStart, int depth, int colStart, int cols, int panelCols, float* dst)
    {
        for (var panelStart = 0; panelStart < cols; panelStart += panelCols)
        {
            var valid = Math.Min(panelCols, cols - panelStart);
            var panel = dst + (nint)panelStart * depth;
            var firstCol = colStart + panelStart;
            if (ops.TransB)
            {
                // B stored [n, k]: each column of op(B) is a contiguous row of B, so this is a transpose.
                var src = ops.B + (nint)firstCol * ops.K + depthStart;
                TransposeIntoPanel(src, ops.K, valid, depth, panel, panelCols);
            }
            else
            {
                // B stored [k, n]: each panel row is a contiguous slice of a B row (of row BRows[p] when gathered).
                for (var p = 0; p < depth; p++)
                {
                    var d = panel + (nint)p * panelCols;
                    var row = ops.BRows is null ? depthStart + p : ops.BRows[depthStart + p];
                    var s = ops.B + (nint)row * ops.N + firstCol;
                    var j = 0;
                    if (Vector512.IsHardwareAccelerated)
                    {
                        for (; j + 16 <= valid; j += 16) Vector512.Store(Vector512.Load(s + j), d + j);
                    }
                    for (; j + 8 <= valid; j += 8) Vector256.Store(Vector256.Load(s + j), d + j);
                    for (; j < valid; j++) d[j] = s[j];
                    for (j = valid; j < panelCols; j++)
                    {
                        d[j] = 0f;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Columns [col, col + width) of B stored [k, n] as one pointer, panel[p·stride + j], for the kernels that broadcast
    /// B's elements: B itself when all of them are there, else a copy [k][width] that repeats column colEnd − 1 (computed,
    /// never stored). One pointer, not one per column: column pointers left those loops short of registers.
    /// </summary>
    public static float* ColumnPanel(in GemmOperands ops, int col, int colEnd, int width, out nint stride)
    {
        stride = ops.N;
        if (col + width <= colEnd) return ops.B + col;
        stride = width;
        var panel = GemmScratch.Current.PackedB(ops.K * width);
        for (var p = 0; p < ops.K; p++)
        {
            for (var j = 0; j < width; j++) panel[p * width + j] = ops.B[(nint)p * ops.N + Math.Min(col + j, colEnd - 1)];
        }

        return panel;
    }

    /// <summary>
    /// panel[p * width + r] = r &lt; validRows ? src[r * srcStride + p] : 0 for p &lt; depth, r &lt; width:
    /// 8x8 register transposes for whole blocks, element copies for the depth remainder.
    /// </summary>
    private static void TransposeIntoPanel(float* src, nint srcStride, int validRows, int depth, float* panel, int width)
    {
        var p = 0;
        if (GemmTranspose.IsSupported)
        {
            for (; p + 8 <= depth; p += 8)
            {
                for (var lane = 0; lane < width; lane += 8)
                {
                    GemmTranspose.Block8x8(
                        src + lane * srcStride + p, srcStride, validRows - lane, panel + (nint)p * width + lane, width,
                        Math.Min(8, width - lane));
                }
            }
        }

        for (; p < depth; p++)
        {
            var d = panel + (nint)p * width;
            for (var r = 0; r < width; r++)
            {
                d[r] = r < validRows ? src[r * srcStride + p] : 0f;
            }
        }
    }
}
