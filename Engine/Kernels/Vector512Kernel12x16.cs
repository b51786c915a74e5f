using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Engine.Kernels;

/// <summary>
/// Vector512 micro-kernel computing a 12x16 tile of C from a packed 12-row panel of A and a packed
/// 16-column panel of B. One vector per row: used when C has at most 16 columns and Vector512TransposedNarrow does not apply (11 to 16
/// columns, op(B) = Bᵀ, kept rows of B, or a shallow product), where a 32-wide tile would waste most lanes.
/// Each accumulator lane takes its k products in increasing k order with one fused multiply-add each,
/// so its bits equal the scalar MathF.FusedMultiplyAdd loop (the determinism contract of Gemm).
/// Unrolled by hand, with no generator: the JIT keeps every accumulator in a register only when each is a
/// separate local, so a loop over an accumulator array would spill to memory.
/// </summary>
internal readonly struct Vector512Kernel12x16 : IGemmMicroKernel
{
    public static int RowsPerTile => 12;

    public static int ColumnsPerTile => 16;

    public static bool IsSupported => System.Runtime.Intrinsics.X86.Avx512F.IsSupported;

    // a: [depth][12] with consecutive depths aStride floats apart, b: packed [depth][16], c: tile with row stride ldc.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int depth, float* a, nint aStride, float* b, float* c, int ldc, bool loadC)
    {
        Vector512<float> c0_0;
        Vector512<float> c1_0;
        Vector512<float> c2_0;
        Vector512<float> c3_0;
        Vector512<float> c4_0;
        Vector512<float> c5_0;
        Vector512<float> c6_0;
        Vector512<float> c7_0;
        Vector512<float> c8_0;
        Vector512<float> c9_0;
        Vector512<float> c10_0;
        Vector512<float> c11_0;
        if (loadC)
        {
            c0_0 = Vector512.Load(c + 0 * ldc + 0);
            c1_0 = Vector512.Load(c + 1 * ldc + 0);
            c2_0 = Vector512.Load(c + 2 * ldc + 0);
            c3_0 = Vector512.Load(c + 3 * ldc + 0);
            c4_0 = Vector512.Load(c + 4 * ldc + 0);
            c5_0 = Vector512.Load(c + 5 * ldc + 0);
            c6_0 = Vector512.Load(c + 6 * ldc + 0);
            c7_0 = Vector512.Load(c + 7 * ldc + 0);
            c8_0 = Vector512.Load(c + 8 * ldc + 0);
            c9_0 = Vector512.Load(c + 9 * ldc + 0);
            c10_0 = Vector512.Load(c + 10 * ldc + 0);
            c11_0 = Vector512.Load(c + 11 * ldc + 0);
        }
        else
        {
            c0_0 = Vector512<float>.Zero;
            c1_0 = Vector512<float>.Zero;
            c2_0 = Vector512<float>.Zero;
            c3_0 = Vector512<float>.Zero;
            c4_0 = Vector512<float>.Zero;
            c5_0 = Vector512<float>.Zero;
            c6_0 = Vector512<float>.Zero;
            c7_0 = Vector512<float>.Zero;
            c8_0 = Vector512<float>.Zero;
            c9_0 = Vector512<float>.Zero;
            c10_0 = Vector512<float>.Zero;
            c11_0 = Vector512<float>.Zero;
        }

        for (var p = 0; p < depth; p++)
        {
            var b0 = Vector512.Load(b + 0);
            var a0 = Vector512.Create(a[0]);
            c0_0 = Vector512.FusedMultiplyAdd(a0, b0, c0_0);
            var a1 = Vector512.Create(a[1]);
            c1_0 = Vector512.FusedMultiplyAdd(a1, b0, c1_0);
            var a2 = Vector512.Create(a[2]);
            c2_0 = Vector512.FusedMultiplyAdd(a2, b0, c2_0);
            var a3 = Vector512.Create(a[3]);
            c3_0 = Vector512.FusedMultiplyAdd(a3, b0, c3_0);
            var a4 = Vector512.Create(a[4]);
            c4_0 = Vector512.FusedMultiplyAdd(a4, b0, c4_0);
            var a5 = Vector512.Create(a[5]);
            c5_0 = Vector512.FusedMultiplyAdd(a5, b0, c5_0);
            var a6 = Vector512.Create(a[6]);
            c6_0 = Vector512.FusedMultiplyAdd(a6, b0, c6_0);
            var a7 = Vector512.Create(a[7]);
            c7_0 = Vector512.FusedMultiplyAdd(a7, b0, c7_0);
            var a8 = Vector512.Create(a[8]);
            c8_0 = Vector512.FusedMultiplyAdd(a8, b0, c8_0);
            var a9 = Vector512.Create(a[9]);
            c9_0 = Vector512.FusedMultiplyAdd(a9, b0, c9_0);
            var a10 = Vector512.Create(a[10]);
            c10_0 = Vector512.FusedMultiplyAdd(a10, b0, c10_0);
            var a11 = Vector512.Create(a[11]);
            c11_0 = Vector512.FusedMultiplyAdd(a11, b0, c11_0);
            a += aStride;
            b += 16;
        }

        c0_0.Store(c + 0 * ldc + 0);
        c1_0.Store(c + 1 * ldc + 0);
        c2_0.Store(c + 2 * ldc + 0);
        c3_0.Store(c + 3 * ldc + 0);
        c4_0.Store(c + 4 * ldc + 0);
        c5_0.Store(c + 5 * ldc + 0);
        c6_0.Store(c + 6 * ldc + 0);
        c7_0.Store(c + 7 * ldc + 0);
        c8_0.Store(c + 8 * ldc + 0);
        c9_0.Store(c + 9 * ldc + 0);
        c10_0.Store(c + 10 * ldc + 0);
        c11_0.Store(c + 11 * ldc + 0);
    }
}
