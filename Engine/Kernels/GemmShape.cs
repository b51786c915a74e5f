namespace Sweep.Engine.Kernels;

/// <summary>One product to benchmark: op(A) is [M, K], op(B) is [K, N]; Name says where training uses it.</summary>
public sealed record GemmShape(string Name, int M, int N, int K, bool TransA = false, bool TransB = false)
{
    /// <summary>Multiply-adds count twice: the usual GEMM flop convention.</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>The products of one training step of a 784-500-10 network at batch 100.</summary>
    public static IReadOnlyList<GemmShape> Training { get; } =
    [
        new("forward hidden X·W", 100, 500, 784),
        new("forward output H·W", 100, 10, 500),
        new("weight grad hidden Xᵀ·dH", 784, 500, 100, TransA: true),
        new("weight grad output Hᵀ·dY", 500, 10, 100, TransA: true),
        new("input grad output dY·Wᵀ", 100, 500, 10, TransB: true),
        new("input grad hidden dH·Wᵀ", 100, 784, 500, TransB: true),
    ];
}
