using Sweep.Coordinator.Search;

namespace Sweep.Coordinator.Tests.Search;

public sealed class TruncatedNormalTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.5, 4.069520174449590e-4)]
    [InlineData(-1.0, 1.8427007929497148)]
    [InlineData(6.0, 2.1519736712498913e-17)]
    public void Erfc_MatchesReferenceValues(double x, double expected) =>
        Assert.Equal(expected, TruncatedNormal.Erfc(x), expected * 1e-12);

    [Theory]
    [InlineData(1e-12)]
    [InlineData(0.001)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.975)]
    [InlineData(0.999999)]
    public void InversePhi_UndoesPhi(double p) =>
        Assert.Equal(p, TruncatedNormal.Phi(TruncatedNormal.InversePhi(p)), p * 1e-9);

    [Fact]
    public void Draw_FarInTheUpperTail_StaysInsideTheInterval_AndNearItsLowerEnd()
    {
        // The interval is 8 to 9 sigmas above the mean: Φ(8) rounds to 1, so a naive inverse CDF returns infinity.
        // Almost all its mass lies in [8, 8.5] (above 8.5 only e^-4 of it).
        Assert.Equal(8, TruncatedNormal.Draw(0, mu: 0, sigma: 1, low: 8, high: 9), 1e-9);
        for (var i = 0; i < 95; i++) Assert.InRange(TruncatedNormal.Draw(i / 100.0, mu: 0, sigma: 1, low: 8, high: 9), 8, 8.5);
        Assert.InRange(TruncatedNormal.Draw(0.999999, mu: 0, sigma: 1, low: 8, high: 9), 8.5, 9);
    }

    [Fact]
    public void LogDensity_IntegratesToOneOverTheInterval()
    {
        const double low = -1, high = 3, steps = 40_000;
        var total = 0.0;
        for (var i = 0; i < steps; i++)
        {
            var x = low + (i + 0.5) * (high - low) / steps;
            total += Math.Exp(TruncatedNormal.LogDensity(x, mu: 2.5, sigma: 0.7, low, high)) * (high - low) / steps;
        }
        Assert.Equal(1.0, total, 1e-6);
        Assert.Equal(double.NegativeInfinity, TruncatedNormal.LogDensity(3.1, 2.5, 0.7, low, high));
    }
}
