namespace Sweep.Engine.Kernels;

/// <summary>
/// A register-blocked micro-kernel: computes one RowsPerTile x ColumnsPerTile tile of C over a depth slice.
/// Static abstract members so GemmBlocked&lt;TKernel&gt; is specialised per kernel and the call is inlined.
/// </summary>
internal interface IGemmMicroKernel
{
    static abstract int RowsPerTile { get; }

    static abstract int ColumnsPerTile { get; }

    static abstract bool IsSupported { get; }

    /// <summary>
    /// c[i, j] (row stride ldc) = (loadC ? c[i, j] : 0) followed by depth fused multiply-adds in increasing order
    /// of a[p * aStride + i] * b[p * ColumnsPerTile + j]. aStride is RowsPerTile for a packed panel, or m when
    /// the kernel reads A stored [k, m] in place.
    /// </summary>
    static abstract unsafe void Run(int depth, float* a, nint aStride, float* b, float* c, int ldc, bool loadC);
}
