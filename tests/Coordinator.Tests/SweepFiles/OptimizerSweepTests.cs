using Sweep.Coordinator.SweepFiles;
using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.SweepFiles;

/// <summary>
/// optimizer, beta1, beta2 and eps from the parameter table in sweep files and overrides: a grid over optimizers, ranges
/// over the betas, their rules at file:line:column, sgd trials that keep the hashes they had, and the memory check
/// counting Adam's two moments.
/// </summary>
public sealed class OptimizerSweepTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AGridOverOptimizers_GivesOneTrialEach_AndItsSgdCellIsTheTrialOfAFileWithoutOptimizer()
    {
        var swept = Load("name: o\nparameters:\n  lr: {value: 0.1}\n  optimizer: {values: [sgd, nesterov, adam, adamw]}\n");
        var without = Load("name: o\nparameters:\n  lr: {value: 0.1}\n");

        var trials = swept.Expand(_ => Fixtures.DatasetChecksum);

        Assert.Equal([OptimizerKind.Sgd, OptimizerKind.Nesterov, OptimizerKind.Adam, OptimizerKind.AdamW],
            trials.Select(trial => trial.ToOptions(threads: 1).Optimizer));
        Assert.Equal(without.Expand(_ => Fixtures.DatasetChecksum).Single().Hash(Fixtures.DatasetChecksum), trials[0].Hash(Fixtures.DatasetChecksum));
        Assert.Equal(4, trials.Select(trial => trial.Hash(Fixtures.DatasetChecksum)).Distinct().Count());
    }

    [Fact]
    public void ARandomSweep_DrawsTheBetasAndEpsWithinTheirRanges()
    {
        var definition = Load("name: o\nmethod: random\nrun_cap: 12\nparameters:\n  optimizer: {value: adam}\n" +
            "  beta1: {min: 0.8, max: 0.95}\n  beta2: {min: 0.99, max: 0.9999}\n  eps: {min: 1e-10, max: 1e-6, scale: log}\n");

        var options = definition.Expand(_ => Fixtures.DatasetChecksum).Select(trial => trial.ToOptions(threads: 1)).ToArray();

        Assert.Equal(12, options.Length);
        Assert.All(options, o => Assert.Equal(OptimizerKind.Adam, o.Optimizer));
        Assert.All(options, o => Assert.InRange(o.Beta1, 0.8, 0.95));
        Assert.All(options, o => Assert.InRange(o.Beta2, 0.99, 0.9999));
        Assert.All(options, o => Assert.InRange(o.Epsilon, 1e-10, 1e-6));
        Assert.True(options.Select(o => o.Beta1).Distinct().Count() > 1);
    }

    [Fact]
    public void Overrides_SetTheOptimizerAndItsBetas()
    {
        var definition = SweepFileLoader.Load(folder.Write("s.yaml", "name: o\nparameters:\n  lr: {value: 0.001}\n"), ["optimizer=adam,adamw", "beta2=0.99"]);

        var options = definition.Expand(_ => Fixtures.DatasetChecksum).Select(trial => trial.ToOptions(threads: 1)).ToArray();

        Assert.Equal([OptimizerKind.Adam, OptimizerKind.AdamW], options.Select(o => o.Optimizer));
        Assert.All(options, o => Assert.Equal(0.99, o.Beta2));
    }

    [Theory]
    [InlineData("  beta1: {values: [0.9, 1]}\n", "parameters.beta1.values[1]: beta1 must be in [0, 1), got 1")]
    [InlineData("  beta2: {value: -0.5}\n", "parameters.beta2.value: beta2 must be in [0, 1), got -0.5")]
    [InlineData("  eps: {value: 0}\n", "parameters.eps.value: eps must be > 0, got 0")]
    [InlineData("  optimizer: {value: adamm}\n", "parameters.optimizer.value: unknown optimizer 'adamm'; did you mean 'adam'?")]
    public void ABadValue_IsRefused_AtItsLine(string line, string expected)
    {
        var file = folder.Write("bad.yaml", "name: o\nparameters:\n  lr: {value: 0.1}\n" + line);

        var errors = Assert.Throws<SweepFileException>(() => SweepFileLoader.Load(file)).Errors;

        Assert.Contains(errors, error => error.StartsWith($"{file}:4:", StringComparison.Ordinal) && error.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AWidthThatFitsWithSgdButNotWithAdamsMoments_IsRefusedOnlyWhenTheSweepHasAdam()
    {
        const int trialsAtOnce = 64;
        var budget = TrainingMemory.BudgetPerTrial(trialsAtOnce);
        // The smallest width whose 784×width layer with Adam's m and v exceeds the budget; without them it fits.
        var width = SmallestWidth(width => Needs(width, OptimizerKind.Adam) > budget);
        Assert.True(Needs(width, OptimizerKind.Sgd) <= budget);
        var yaml = $"name: o\nparameters:\n  hidden: {{value: [{width}]}}\n";

        SweepFileLoader.Load(folder.Write("sgd.yaml", yaml + "  optimizer: {values: [sgd, nesterov]}\n"), trialsAtOnce: trialsAtOnce);
        var errors = Assert.Throws<SweepFileException>(() =>
            SweepFileLoader.Load(folder.Write("adam.yaml", yaml + "  optimizer: {values: [sgd, adamw]}\n"), trialsAtOnce: trialsAtOnce)).Errors;

        Assert.Contains(errors, error => error.Contains(":3:", StringComparison.Ordinal) && error.Contains("Adam's moments", StringComparison.Ordinal));
    }

    private static long Needs(int width, OptimizerKind optimizer) =>
        TrainingMemory.LayerBytes(new TrainingOptions { Hidden = [width], Optimizer = optimizer }, 784, 10, 50_000).Sum();

    private static int SmallestWidth(Func<int, bool> exceeds)
    {
        var (low, high) = (1, 1 << 30);
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (exceeds(middle)) high = middle;
            else low = middle + 1;
        }
        return low;
    }

    private SweepDefinition Load(string yaml) => SweepFileLoader.Load(folder.Write("sweep.yaml", yaml));
}
