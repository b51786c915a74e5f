using System.Diagnostics;

namespace Sweep.Engine.Kernels;

/// <summary>
/// Times Gemm.Multiply on one shape for `sweep bench engine`. Warms up first (JIT tiering, scratch buffers),
/// then takes the best of several timed runs: on a shared 2-core machine noise only ever slows a run down.
/// Non-goal: statistics beyond best-of-N; this answers "how close to peak are the kernels".
/// </summary>
public static class GemmBenchmark
{
    private const int Runs = 5;

    /// <summary>Best GFLOPS of Gemm.Multiply for the shape; each of the timed runs lasts about runMilliseconds.</summary>
    public static double MeasureGflops(GemmShape shape, int threads = 1, int runMilliseconds = 200) =>
        Measure(shape, runMilliseconds, (a, b, c) =>
            Gemm.Multiply(a, b, c, shape.M, shape.N, shape.K, shape.TransA, shape.TransB, accumulate: false, threads));

    /// <summary>Best GFLOPS of the naive GemmReference loop, to show what the tuned kernels buy.</summary>
    public static double MeasureReferenceGflops(GemmShape shape, int runMilliseconds = 200) =>
        Measure(shape, runMilliseconds, (a, b, c) =>
            GemmReference.Multiply(a, b, c, shape.M, shape.N, shape.K, shape.TransA, shape.TransB, accumulate: false));

    internal static double MeasureGflops(GemmShape shape, int threads, GemmPath path, int runMilliseconds = 200) =>
        Measure(shape, runMilliseconds, (a, b, c) =>
            Gemm.Multiply(a, b, c, shape.M, shape.N, shape.K, shape.TransA, shape.TransB, accumulate: false, threads, path));

    private static double Measure(GemmShape shape, int runMilliseconds, Action<float[], float[], float[]> multiply)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runMilliseconds, 1);
        var a = Fill(shape.M * shape.K, 1);
        var b = Fill(shape.K * shape.N, 2);
        var c = new float[shape.M * shape.N];

        // Warm-up long enough for tiered JIT to reach the optimised code and for caches to settle.
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < Math.Max(100, runMilliseconds / 2))
        {
            multiply(a, b, c);
        }

        var best = 0.0;
        for (var run = 0; run < Runs; run++)
        {
            var calls = 0;
            clock.Restart();
            do
            {
                multiply(a, b, c);
                calls++;
            }
            while (clock.ElapsedMilliseconds < runMilliseconds);

            var seconds = clock.Elapsed.TotalSeconds;
            best = Math.Max(best, shape.Flops * calls / seconds / 1e9);
        }

        return best;
    }

    private static float[] Fill(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
        }

        return values;
    }
}
