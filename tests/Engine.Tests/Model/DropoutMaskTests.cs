using Sweep.Engine.Model;

namespace Sweep.Engine.Tests.Model;

/// <summary>
/// The mask's vector loop against its scalar reference <see cref="DropoutMask.Keeps"/>, on widths with remainders,
/// and its dependence on every part of its key (seed, epoch, batch, layer, row).
/// </summary>
public class DropoutMaskTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(17)]
    [InlineData(37)]
    [InlineData(100)]
    [InlineData(500)]
    public void Apply_ZeroesExactlyTheUnitsKeepsDrops_AndScalesTheOthers_ForAnyWidth(int width)
    {
        const int batch = 5, layer = 1;
        var mask = new DropoutMask(0.3, seed: 4, epoch: 2, batch: 9);
        var activations = Enumerable.Range(0, batch * width).Select(i => 1f + i).ToArray();

        mask.Apply(activations, layer, batch);

        for (var row = 0; row < batch; row++)
            for (var unit = 0; unit < width; unit++)
            {
                var i = row * width + unit;
                Assert.Equal(mask.Keeps(layer, row, unit) ? (1f + i) * mask.Scale : 0f, activations[i]);
            }
    }

    [Fact]
    public void Apply_SplitAcrossThreads_MasksEveryRowAsItsReferenceDoes()
    {
        // 100 rows of 500: enough values for the rows to split across every thread count below.
        const int batch = 100, width = 500, layer = 0;
        var mask = new DropoutMask(0.5, seed: 3, epoch: 1, batch: 4);
        for (var threads = 1; threads <= 4; threads++)
        {
            var activations = Enumerable.Range(0, batch * width).Select(i => 1f + i % 97).ToArray();
            mask.Apply(activations, layer, batch, threads);
            for (var i = 0; i < activations.Length; i++)
            {
                var (row, unit) = Math.DivRem(i, width);
                Assert.True((mask.Keeps(layer, row, unit) ? (1f + i % 97) * mask.Scale : 0f) == activations[i], $"threads={threads} row={row} unit={unit}");
            }
        }
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Keeps_AboutOneMinusPOfTheUnits(double rate)
    {
        var mask = new DropoutMask(rate, seed: 1, epoch: 1, batch: 0);

        var kept = Units().Count(u => mask.Keeps(0, u.Row, u.Unit));

        Assert.InRange((double)kept / Units().Count(), 1 - rate - 0.01, 1 - rate + 0.01);
    }

    [Fact]
    public void EveryPartOfTheKey_ChangesTheMask()
    {
        var mask = new DropoutMask(0.5, seed: 1, epoch: 1, batch: 0);
        var others = new[]
        {
            new DropoutMask(0.5, seed: 2, epoch: 1, batch: 0),
            new DropoutMask(0.5, seed: 1, epoch: 2, batch: 0),
            new DropoutMask(0.5, seed: 1, epoch: 1, batch: 1),
        };

        foreach (var other in others) AssertAboutHalfAgree(u => mask.Keeps(0, u.Row, u.Unit) == other.Keeps(0, u.Row, u.Unit));
        AssertAboutHalfAgree(u => mask.Keeps(0, u.Row, u.Unit) == mask.Keeps(1, u.Row, u.Unit));
        AssertAboutHalfAgree(u => mask.Keeps(0, u.Row, u.Unit) == mask.Keeps(0, u.Row + 1, u.Unit));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Constructor_RefusesARateOutsideZeroToOne(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DropoutMask(rate, seed: 1, epoch: 1, batch: 0));
    }

    private static IEnumerable<(int Row, int Unit)> Units() =>
        Enumerable.Range(0, 100).SelectMany(row => Enumerable.Range(0, 200).Select(unit => (row, unit)));

    /// <summary>Independent masks at p = 0.5 agree on about half the units; equal or complementary ones on all or none.</summary>
    private static void AssertAboutHalfAgree(Func<(int Row, int Unit), bool> agree)
    {
        var fraction = (double)Units().Count(agree) / Units().Count();
        Assert.InRange(fraction, 0.48, 0.52);
    }
}
