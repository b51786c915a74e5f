namespace Sweep.Engine.Kernels;

/// <summary>
/// GotoBLAS/BLIS loop nest around a micro-kernel: column blocks (NC) → depth blocks (KC) → pack B →
/// row blocks (MC) → pack A → NR panels → MR panels → micro-kernel. Depth blocks run in increasing order and
/// each resumes from the partial sums stored in C, so every element still sees its k products in order.
/// Edge tiles run the same kernel on a scratch tile, so an element's bits do not depend on where it sits.
/// </summary>
internal static unsafe class GemmBlocked<TKernel>
    where TKernel : struct, IGemmMicroKernel
{
    // KC: a KC x NR panel of B (32 KiB at NR=32) is re-read by every row panel, so it should live in L1/L2.
    private const int DepthBlock = 256;

    // A last depth block this short joins the one before (at most 320 deep, a 40 KiB panel): each block reads and
    // writes all of C once more, which a product over ~260 kept inputs (a segment of the first layer) paid for 4 depths.
    private const int LongestDepthBlock = DepthBlock + DepthBlock / 4;

    // MC x KC floats of packed A (~144 KiB, 180 KiB for the longest depth block) stay in the 1 MiB L2 while all column panels stream past them.
    private static readonly int RowBlock = TKernel.RowsPerTile * (144 / TKernel.RowsPerTile);

    // KC x NC floats of packed B (512 KiB, 640 KiB for the longest depth block) bound the scratch per thread; training widths (500) fit in one block.
    private static readonly int ColumnBlock = TKernel.ColumnsPerTile * (512 / TKernel.ColumnsPerTile);

    /// <summary>Computes C[rowStart..rowEnd, colStart..colEnd] of the product described by ops.</summary>
    public static void Run(in GemmOperands ops, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        var mr = TKernel.RowsPerTile;
        var nr = TKernel.ColumnsPerTile;
        var rowBlock = RowBlock;
        var columnBlock = ColumnBlock;
        var scratch = GemmScratch.Current;
        var packedA = scratch.PackedA(rowBlock * LongestDepthBlock);
        var packedB = scratch.PackedB(columnBlock * LongestDepthBlock);
        var tile = scratch.Tile(mr * nr);
        var ldc = ops.N;

        for (var jc = colStart; jc < colEnd; jc += columnBlock)
        {
            var cols = Math.Min(columnBlock, colEnd - jc);
            for (int pc = 0, depth; pc < ops.K; pc += depth)
            {
                depth = ops.K - pc <= LongestDepthBlock ? ops.K - pc : DepthBlock;
                var loadC = ops.Accumulate || pc > 0;
                GemmPacking.PackB(ops, pc, depth, jc, cols, nr, packedB);
                // A stored [k, m] is already laid out [depth][rows] with stride m; when a single column panel
                // uses it once, packing would copy it for nothing.
                var readAInPlace = ops.TransA && cols <= nr;
                for (var ic = rowStart; ic < rowEnd; ic += rowBlock)
                {
                    var rows = Math.Min(rowBlock, rowEnd - ic);
                    if (!readAInPlace)
                    {
                        GemmPacking.PackA(ops, ic, rows, pc, depth, mr, packedA);
                    }

                    for (var jr = 0; jr < cols; jr += nr)
                    {
                        var tileCols = Math.Min(nr, cols - jr);
                        var bPanel = packedB + (nint)jr * depth;
                        for (var ir = 0; ir < rows; ir += mr)
                        {
                            var tileRows = Math.Min(mr, rows - ir);
                            var aPanel = packedA + (nint)ir * depth;
                            nint aStride = mr;
                            if (readAInPlace)
                            {
                                if (tileRows == mr)
                                {
                                    aPanel = ops.A + (nint)pc * ops.M + ic + ir;
                                    aStride = ops.M;
                                }
                                else
                                {
                                    // A partial panel read in place would run past the row; pack just this one.
                                    GemmPacking.PackA(ops, ic + ir, tileRows, pc, depth, mr, packedA);
                                    aPanel = packedA;
                                }
                            }

                            var cTile = ops.C + (nint)(ic + ir) * ldc + jc + jr;
                            if (tileRows == mr && tileCols == nr)
                            {
                                TKernel.Run(depth, aPanel, aStride, bPanel, cTile, ldc, loadC);
                            }
                            else
                            {
                                RunEdgeTile(depth, aPanel, aStride, bPanel, cTile, ldc, loadC, tileRows, tileCols, tile);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void RunEdgeTile(
        int depth, float* aPanel, nint aStride, float* bPanel, float* cTile, int ldc, bool loadC, int tileRows, int tileCols, float* tile)
    {
        LoadTile(cTile, ldc, loadC, tileRows, tileCols, tile);
        TKernel.Run(depth, aPanel, aStride, bPanel, tile, TKernel.ColumnsPerTile, loadC);
        StoreTile(cTile, ldc, tileRows, tileCols, tile);
    }

    private static void LoadTile(float* cTile, int ldc, bool loadC, int tileRows, int tileCols, float* tile)
    {
        var nr = TKernel.ColumnsPerTile;
        if (loadC)
        {
            for (var i = 0; i < tileRows; i++)
            {
                for (var j = 0; j < tileCols; j++)
                {
                    tile[i * nr + j] = cTile[(nint)i * ldc + j];
                }
            }
        }
    }

    private static void StoreTile(float* cTile, int ldc, int tileRows, int tileCols, float* tile)
    {
        var nr = TKernel.ColumnsPerTile;
        for (var i = 0; i < tileRows; i++)
        {
            for (var j = 0; j < tileCols; j++)
            {
                cTile[(nint)i * ldc + j] = tile[i * nr + j];
            }
        }
    }
}
