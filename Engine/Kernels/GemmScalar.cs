namespace Sweep.Engine.Kernels;

/// <summary>
/// Portable fallback for machines without FMA vectors. Loops row, depth, column so the inner loop is
/// contiguous in B and C, while each element still takes its k products in order with a fused
/// multiply-add, hence the same bits as GemmReference and the vector paths.
/// </summary>
internal static unsafe class GemmScalar
{
    public static void Run(in GemmOperands ops, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        var m = ops.M;
        var n = ops.N;
        var k = ops.K;
        for (var row = rowStart; row < rowEnd; row++)
        {
            var cRow = ops.C + (nint)row * n;
            if (!ops.Accumulate)
            {
                for (var col = colStart; col < colEnd; col++)
                {
                    cRow[col] = 0f;
                }
            }

            for (var p = 0; p < k; p++)
            {
                var aValue = ops.TransA ? ops.A[(nint)p * m + row] : ops.A[(nint)row * k + p];
                if (ops.TransB)
                {
                    for (var col = colStart; col < colEnd; col++)
                    {
                        cRow[col] = MathF.FusedMultiplyAdd(aValue, ops.B[(nint)col * k + p], cRow[col]);
                    }
                }
                else
                {
                    var bRow = ops.B + (nint)(ops.BRows is null ? p : ops.BRows[p]) * n;
                    for (var col = colStart; col < colEnd; col++)
                    {
                        cRow[col] = MathF.FusedMultiplyAdd(aValue, bRow[col], cRow[col]);
                    }
                }
            }
        }
    }
}
