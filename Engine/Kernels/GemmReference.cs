namespace Sweep.Engine.Kernels;

/// <summary>The naive triple loop: the reference every tuned kernel is tested against, and the last fallback.</summary>
public static class GemmReference
{
    public static void Multiply(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool transA, bool transB, bool accumulate)
    {
        for (var row = 0; row < m; row++)
        {
            for (var col = 0; col < n; col++)
            {
                var sum = accumulate ? c[row * n + col] : 0f;
                for (var p = 0; p < k; p++)
                {
                    var aValue = transA ? a[p * m + row] : a[row * k + p];
                    var bValue = transB ? b[col * k + p] : b[p * n + col];
                    sum = MathF.FusedMultiplyAdd(aValue, bValue, sum);
                }
                c[row * n + col] = sum;
            }
        }
    }
}
