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
        // Reading and writing 1.6 MB of weights takes at least a microsecond on any machine, and far less than a second.
        Assert.InRange(figures.RowSplitMicroseconds, 1, 1e6);
        Assert.InRange(figures.ColumnSplitMicroseconds, 1, 1e6);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheSplitUpdate_ChangesEveryWeightOncePerPass_WhicheverWayItSplits(bool byColumns)
    {
        var matrix = new SplitUpdate();

        matrix.Microseconds(byColumns, passes: 3); // three untimed passes, then three timed

        var expected = 1f;
        for (var pass = 0; pass < 6; pass++) expected -= SplitUpdate.Rate * 1f;
        var weights = matrix.Weights.ToArray();
        Assert.Equal(CoreToCore.UpdateRows * CoreToCore.UpdateColumns, weights.Length);
        Assert.All(weights, weight => Assert.Equal(expected, weight));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 0)]
    public void RefusesNoRunsOrNoRoundTrips(int runs, int roundTrips) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CoreToCore.Measure(runs, roundTrips));
}
