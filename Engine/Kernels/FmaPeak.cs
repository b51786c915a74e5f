using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Engine.Kernels;

/// <summary>
/// Measures this core's fp32 peak, so that `sweep bench engine` reports a fraction of the peak of the machine it runs
/// on rather than a constant from another CPU. One loop per vector width the hardware accelerates (Vector512,
/// Vector256, Vector128) plus scalar: <see cref="Accumulators"/> independent fused multiply-add chains, enough to
/// cover FMA latency (4 cycles) times FMA units (2) on current x64 and Arm cores while fitting 16 registers.
/// Best of several runs: on a shared machine noise only ever slows a run down.
/// Non-goal: the multi-core peak; the caller multiplies by the cores it uses.
/// </summary>
public static class FmaPeak
{
    public const int Accumulators = 12;
    private const int Runs = 5;

    /// <summary>GFLOPS (2 per lane per FMA) of one thread for each accelerated width, widest first.</summary>
    public static IReadOnlyList<FmaPeakResult> Measure(int runMilliseconds = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runMilliseconds, 1);
        var results = new List<FmaPeakResult>();
        if (Vector512.IsHardwareAccelerated) results.Add(Measure<Width512, Vector512<float>>(runMilliseconds));
        if (Vector256.IsHardwareAccelerated) results.Add(Measure<Width256, Vector256<float>>(runMilliseconds));
        if (Vector128.IsHardwareAccelerated) results.Add(Measure<Width128, Vector128<float>>(runMilliseconds));
        results.Add(Measure<WidthScalar, float>(runMilliseconds));
        return results;
    }

    private static FmaPeakResult Measure<TWidth, TVector>(int runMilliseconds)
        where TWidth : IFmaWidth<TVector> where TVector : struct
    {
        // Calibrate the iterations to about runMilliseconds, then keep the best of the timed runs.
        var iterations = 1L << 16;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            clock.Restart();
            Chains<TWidth, TVector>(iterations);
            if (clock.ElapsedMilliseconds >= runMilliseconds / 4 || iterations >= 1L << 40) break;
            iterations *= 4;
        }
        iterations = Math.Max(1, (long)(iterations * runMilliseconds / Math.Max(1.0, clock.Elapsed.TotalMilliseconds)));
        var best = 0.0;
        for (var run = 0; run < Runs; run++)
        {
            clock.Restart();
            Chains<TWidth, TVector>(iterations);
            var flops = 2.0 * TWidth.Lanes * Accumulators * iterations;
            best = Math.Max(best, flops / clock.Elapsed.TotalSeconds / 1e9);
        }
        return new FmaPeakResult(TWidth.Name, TWidth.Lanes, best);
    }

    // Twelve dependency chains a = a·m + c, each waiting only on itself; m < 1 keeps every value finite.
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static float Chains<TWidth, TVector>(long iterations) where TWidth : IFmaWidth<TVector> where TVector : struct
    {
        var m = TWidth.Broadcast(0.999f);
        var c = TWidth.Broadcast(0.001f);
        TVector a0 = TWidth.Broadcast(0f), a1 = TWidth.Broadcast(1f), a2 = TWidth.Broadcast(2f), a3 = TWidth.Broadcast(3f);
        TVector a4 = TWidth.Broadcast(4f), a5 = TWidth.Broadcast(5f), a6 = TWidth.Broadcast(6f), a7 = TWidth.Broadcast(7f);
        TVector a8 = TWidth.Broadcast(8f), a9 = TWidth.Broadcast(9f), a10 = TWidth.Broadcast(10f), a11 = TWidth.Broadcast(11f);
        for (var i = 0L; i < iterations; i++)
        {
            a0 = TWidth.MultiplyAdd(a0, m, c);
            a1 = TWidth.MultiplyAdd(a1, m, c);
            a2 = TWidth.MultiplyAdd(a2, m, c);
            a3 = TWidth.MultiplyAdd(a3, m, c);
            a4 = TWidth.MultiplyAdd(a4, m, c);
            a5 = TWidth.MultiplyAdd(a5, m, c);
            a6 = TWidth.MultiplyAdd(a6, m, c);
            a7 = TWidth.MultiplyAdd(a7, m, c);
            a8 = TWidth.MultiplyAdd(a8, m, c);
            a9 = TWidth.MultiplyAdd(a9, m, c);
            a10 = TWidth.MultiplyAdd(a10, m, c);
            a11 = TWidth.MultiplyAdd(a11, m, c);
        }
        // Returned so that no chain is dead code.
        return TWidth.First(a0) + TWidth.First(a1) + TWidth.First(a2) + TWidth.First(a3) + TWidth.First(a4) + TWidth.First(a5)
             + TWidth.First(a6) + TWidth.First(a7) + TWidth.First(a8) + TWidth.First(a9) + TWidth.First(a10) + TWidth.First(a11);
    }

    /// <summary>One vector width, as static members so that the JIT specialises and inlines the loop for each.</summary>
    private interface IFmaWidth<TVector> where TVector : struct
    {
        static abstract string Name { get; }
        static abstract int Lanes { get; }
        static abstract TVector Broadcast(float value);
        static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);
        static abstract float First(TVector value);
    }

    private readonly struct Width512 : IFmaWidth<Vector512<float>>
    {
        public static string Name => "Vector512";
        public static int Lanes => Vector512<float>.Count;
        public static Vector512<float> Broadcast(float value) => Vector512.Create(value);
        public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
        public static float First(Vector512<float> value) => value.ToScalar();
    }

    private readonly struct Width256 : IFmaWidth<Vector256<float>>
    {
        public static string Name => "Vector256";
        public static int Lanes => Vector256<float>.Count;
        public static Vector256<float> Broadcast(float value) => Vector256.Create(value);
        public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
        public static float First(Vector256<float> value) => value.ToScalar();
    }

    private readonly struct Width128 : IFmaWidth<Vector128<float>>
    {
        public static string Name => "Vector128";
        public static int Lanes => Vector128<float>.Count;
        public static Vector128<float> Broadcast(float value) => Vector128.Create(value);
        public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);
        public static float First(Vector128<float> value) => value.ToScalar();
    }

    private readonly struct WidthScalar : IFmaWidth<float>
    {
        public static string Name => "scalar";
        public static int Lanes => 1;
        public static float Broadcast(float value) => value;
        public static float MultiplyAdd(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);
        public static float First(float value) => value;
    }
}
