using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sweep.Engine.Kernels;

/// <summary>
/// 8x8 register transpose used by the packing routines whenever a panel must be filled across the source's
/// contiguous direction (op(A) with A stored [m, k], op(B) with B stored [n, k]). Element-by-element copies
/// there write one float per cache line and ran ~7 cycles per element; whole-vector loads and stores do not.
/// Pure data movement, so it cannot change any result bit.
/// </summary>
internal static unsafe class GemmTranspose
{
    public static bool IsSupported => Avx.IsSupported;

    /// <summary>
    /// For q in 0..8 and r in 0..lanes: dst[q * dstStride + r] = r &lt; validRows ? src[r * srcStride + q] : 0.
    /// Reads 8 floats from each of the first validRows source rows; lanes is at most 8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block8x8(float* src, nint srcStride, int validRows, float* dst, nint dstStride, int lanes)
    {
        var r0 = Row(src, srcStride, validRows, 0);
        var r1 = Row(src, srcStride, validRows, 1);
        var r2 = Row(src, srcStride, validRows, 2);
        var r3 = Row(src, srcStride, validRows, 3);
        var r4 = Row(src, srcStride, validRows, 4);
        var r5 = Row(src, srcStride, validRows, 5);
        var r6 = Row(src, srcStride, validRows, 6);
        var r7 = Row(src, srcStride, validRows, 7);

        // Interleave pairs of rows, then pairs of pairs, then swap 128-bit halves: the classic AVX transpose.
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Store(Avx.Permute2x128(s0, s4, 0x20), dst, lanes);
        Store(Avx.Permute2x128(s1, s5, 0x20), dst + dstStride, lanes);
        Store(Avx.Permute2x128(s2, s6, 0x20), dst + 2 * dstStride, lanes);
        Store(Avx.Permute2x128(s3, s7, 0x20), dst + 3 * dstStride, lanes);
        Store(Avx.Permute2x128(s0, s4, 0x31), dst + 4 * dstStride, lanes);
        Store(Avx.Permute2x128(s1, s5, 0x31), dst + 5 * dstStride, lanes);
        Store(Avx.Permute2x128(s2, s6, 0x31), dst + 6 * dstStride, lanes);
        Store(Avx.Permute2x128(s3, s7, 0x31), dst + 7 * dstStride, lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Row(float* src, nint srcStride, int validRows, int row) =>
        row < validRows ? Avx.LoadVector256(src + row * srcStride) : Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> value, float* dst, int lanes)
    {
        if (lanes == 8)
        {
            value.Store(dst);
            return;
        }

        // Partial panels (6- or 12-row A panels): never write past the panel's own lanes.
        var lane = 0;
        if (lanes >= 4)
        {
            value.GetLower().Store(dst);
            lane = 4;
        }

        for (; lane < lanes; lane++)
        {
            dst[lane] = value.GetElement(lane);
        }
    }
}
