using System.Runtime.Intrinsics;
using Sweep.Engine.Kernels;

namespace Sweep.Engine.Tests.Kernels;

public sealed class FmaPeakTests
{
    [Fact]
    public void Measure_ReportsEveryWidthTheHardwareAccelerates_WidestFirst_ThenScalar_EachWithAFiniteRate()
    {
        var expected = new List<(string, int)>();
        if (Vector512.IsHardwareAccelerated) expected.Add(("Vector512", 16));
        if (Vector256.IsHardwareAccelerated) expected.Add(("Vector256", 8));
        if (Vector128.IsHardwareAccelerated) expected.Add(("Vector128", 4));
        expected.Add(("scalar", 1));

        var peaks = FmaPeak.Measure(runMilliseconds: 1);

        Assert.Equal(expected, peaks.Select(p => (p.Width, p.Lanes)));
        Assert.All(peaks, p => Assert.True(double.IsFinite(p.Gflops) && p.Gflops > 0, $"{p.Width}: {p.Gflops}"));
    }
}
