using System.Runtime.Intrinsics;
using Sweep.Engine.Kernels;

namespace Sweep.Engine.Tests.Kernels;

/// <summary>What the trainer relies on besides the numbers: no garbage per step, the fast path chosen, a benchmark.</summary>
public class GemmResourceTests
{
    [Fact]
    public void Multiply_AllocatesNothing_OnASingleThreadOnceWarm()
    {
        foreach (var (m, n, k, transA, transB) in GemmTestData.TrainingShapes)
        {
            var a = GemmTestData.Random(m * k, 1);
            var b = GemmTestData.Random(k * n, 2);
            var c = new float[m * n];
            // Warm both calls measured below: the first accumulating call takes code paths the plain one does not.
            Gemm.Multiply(a, b, c, m, n, k, transA, transB);
            Gemm.Multiply(a, b, c, m, n, k, transA, transB, accumulate: true);

            var before = GC.GetAllocatedBytesForCurrentThread();
            Gemm.Multiply(a, b, c, m, n, k, transA, transB);
            Gemm.Multiply(a, b, c, m, n, k, transA, transB, accumulate: true);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(allocated == 0, $"m={m} n={n} k={k} allocated {allocated} bytes");
        }
    }

    [Fact]
    public void Resolve_PicksVector512_WhenTheHardwareAcceleratesIt()
    {
        var expected = Vector512.IsHardwareAccelerated && Gemm.IsSupported(GemmPath.Vector512)
            ? GemmPath.Vector512
            : Gemm.IsSupported(GemmPath.Vector256) ? GemmPath.Vector256 : GemmPath.Scalar;
        Assert.Equal(expected, Gemm.Resolve(GemmPath.Auto));
    }

    [Fact]
    public void MeasureGflops_ReturnsAPositiveRate_ForBothTheKernelAndTheReference()
    {
        var shape = new GemmShape("tiny", 7, 13, 5, TransA: true);
        Assert.True(GemmBenchmark.MeasureGflops(shape, threads: 2, runMilliseconds: 1) > 0);
        Assert.True(GemmBenchmark.MeasureReferenceGflops(shape, runMilliseconds: 1) > 0);
    }
}
