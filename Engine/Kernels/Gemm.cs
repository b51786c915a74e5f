namespace Sweep.Engine.Kernels;

/// <summary>
/// Single-precision matrix product on row-major flat buffers: C = op(A)·op(B), or C += op(A)·op(B).
/// op(A) is [m, k] and op(B) is [k, n]. With transA, A is stored as [k, m]; with transB, B is stored as [n, k].
/// Determinism contract: every element of C is computed by one thread with the same k order whatever
/// the thread count and the code path chosen for its tile, so results are bit-identical for any threads.
/// </summary>
public static class Gemm
{
    public static void Multiply(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool transA = false, bool transB = false, bool accumulate = false, int threads = 1)
    {
        GemmReference.Multiply(a, b, c, m, n, k, transA, transB, accumulate);
    }
}
