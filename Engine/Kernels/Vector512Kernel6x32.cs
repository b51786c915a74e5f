using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Engine.Kernels;

/// <summary>
/// Vector512 micro-kernel computing a 6x32 tile of C from a packed 6-row panel of A and a packed
/// 32-column panel of B. Twelve accumulators hide the 4-cycle FMA latency with room to spare in the 32 zmm registers.
/// Each accumulator lane takes its k products in increasing k order with one fused multiply-add each,
/// so its bits equal the scalar MathF.FusedMultiplyAdd loop (the determinism contract of Gemm).
/// Unrolled by hand, with no generator: the JIT keeps every accumulator in a register only when each is a
/// separate local, so a loop over an accumulator array would spill to memory.
/// </summary>
internal readonly struct Vector512Kernel6x32 : IGemmMicroKernel
{
    public static int RowsPerTile => 6;

    public static int ColumnsPerTile => 32;

    public static bool IsSupported => System.Runtime.Intrinsics.X86.Avx512F.IsSupported;

    // a: [depth][6] with consecutive depths aStride floats apart, b: packed [depth][32], c: tile with row stride ldc.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int depth, float* a, nint aStride, float* b, float* c, int ldc, bool loadC)
    {
        Vector512<float> c0_0;
        Vector512<float> c0_1;
        Vector512<float> c1_0;
        Vector512<float> c1_1;
        Vector512<float> c2_0;
        Vector512<float> c2_1;
        Vector512<float> c3_0;
        Vector512<float> c3_1;
        Vector512<float> c4_0;
        Vector512<float> c4_1;
        Vector512<float> c5_0;
        Vector512<float> c5_1;
        if (loadC)
        {
            c0_0 = Vector512.Load(c + 0 * ldc + 0);
            c0_1 = Vector512.Load(c + 0 * ldc + 16);
            c1_0 = Vector512.Load(c + 1 * ldc + 0);
            c1_1 = Vector512.Load(c + 1 * ldc + 16);
            c2_0 = Vector512.Load(c + 2 * ldc + 0);
            c2_1 = Vector512.Load(c + 2 * ldc + 16);
            c3_0 = Vector512.Load(c + 3 * ldc + 0);
            c3_1 = Vector512.Load(c + 3 * ldc + 16);
            c4_0 = Vector512.Load(c + 4 * ldc + 0);
            c4_1 = Vector512.Load(c + 4 * ldc + 16);
            c5_0 = Vector512.Load(c + 5 * ldc + 0);
            c5_1 = Vector512.Load(c + 5 * ldc + 16);
        }
        else
        {
            c0_0 = Vector512<float>.Zero;
            c0_1 = Vector512<float>.Zero;
            c1_0 = Vector512<float>.Zero;
            c1_1 = Vector512<float>.Zero;
            c2_0 = Vector512<float>.Zero;
            c2_1 = Vector512<float>.Zero;
            c3_0 = Vector512<float>.Zero;
            c3_1 = Vector512<float>.Zero;
            c4_0 = Vector512<float>.Zero;
            c4_1 = Vector512<float>.Zero;
            c5_0 = Vector512<float>.Zero;
            c5_1 = Vector512<float>.Zero;
        }

        for (var p = 0; p < depth; p++)
        {
            var b0 = Vector512.Load(b + 0);
            var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]);
            c0_0 = Vector512.FusedMultiplyAdd(a0, b0, c0_0);
            c0_1 = Vector512.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector512.Create(a[1]);
            c1_0 = Vector512.FusedMultiplyAdd(a1, b0, c1_0);
            c1_1 = Vector512.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector512.Create(a[2]);
            c2_0 = Vector512.FusedMultiplyAdd(a2, b0, c2_0);
            c2_1 = Vector512.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector512.Create(a[3]);
            c3_0 = Vector512.FusedMultiplyAdd(a3, b0, c3_0);
            c3_1 = Vector512.FusedMultiplyAdd(a3, b1, c3_1);
            var a4 = Vector512.Create(a[4]);
            c4_0 = Vector512.FusedMultiplyAdd(a4, b0, c4_0);
            c4_1 = Vector512.FusedMultiplyAdd(a4, b1, c4_1);
            var a5 = Vector512.Create(a[5]);
            c5_0 = Vector512.FusedMultiplyAdd(a5, b0, c5_0);
            c5_1 = Vector512.FusedMultiplyAdd(a5, b1, c5_1);
            a += aStride;
            b += 32;
        }

        c0_0.Store(c + 0 * ldc + 0);
        c0_1.Store(c + 0 * ldc + 16);
        c1_0.Store(c + 1 * ldc + 0);
        c1_1.Store(c + 1 * ldc + 16);
        c2_0.Store(c + 2 * ldc + 0);
        c2_1.Store(c + 2 * ldc + 16);
        c3_0.Store(c + 3 * ldc + 0);
        c3_1.Store(c + 3 * ldc + 16);
        c4_0.Store(c + 4 * ldc + 0);
        c4_1.Store(c + 4 * ldc + 16);
        c5_0.Store(c + 5 * ldc + 0);
        c5_1.Store(c + 5 * ldc + 16);
    }
}
