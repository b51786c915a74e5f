using Sweep.Engine.Parallelism;

namespace Sweep.Engine.Tests.Parallelism;

/// <summary>The between-cores figures `sweep bench engine` prints: real transfers between two threads, timed.</summary>
public sealed class CoreToCoreTests
{
    [Fact]
    public void OnTwoOrMoreProcessors_TheRoundTripAndTheReadRateArePositiveAndFinite()
    {
        var result = CoreToCore.Measure(runs: 2, roundTrips: 2_000);

        if (Environment.ProcessorCount < 2)
        {
            Assert.Null(result);
            return;
        }
        var figures = Assert.NotNull(result);
        // A line handed to another core and back takes tens of nanoseconds at the very least.
        Assert.InRange(figures.RoundTripNanoseconds, 10, 1e7);
        Assert.True(double.IsFinite(figures.ReadGigabytesPerSecond) && figures.ReadGigabytesPerSecond > 0, $"{figures.ReadGigabytesPerSecond} GB/s");
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 0)]
    public void RefusesNoRunsOrNoRoundTrips(int runs, int roundTrips) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CoreToCore.Measure(runs, roundTrips));
}
