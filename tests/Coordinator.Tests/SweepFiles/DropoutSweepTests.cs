using Sweep.Coordinator.SweepFiles;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.SweepFiles;

/// <summary>
/// dropout, the parameter added to show that one table entry is enough: sweep files and overrides take it, its rule
/// is checked with file:line:column, and a sweep that leaves it at 0 keeps the trials (hashes) it had before.
/// </summary>
public sealed class DropoutSweepTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ASweepOverDropout_ExpandsToOneTrialPerRate_AndRate0IsTheTrialWithoutDropout()
    {
        var swept = Load("name: d\nparameters:\n  lr: {value: 0.1}\n  dropout: {values: [0, 0.5]}\n");
        var without = Load("name: d\nparameters:\n  lr: {value: 0.1}\n");

        var trials = swept.Expand(_ => Fixtures.DatasetChecksum);

        Assert.Equal(new[] { 0.0, 0.5 }, trials.Select(trial => trial.ToOptions(threads: 1).Dropout));
        Assert.Equal(without.Expand(_ => Fixtures.DatasetChecksum).Single().Hash(Fixtures.DatasetChecksum), trials[0].Hash(Fixtures.DatasetChecksum));
        Assert.Equal(new[] { "dropout" }, swept.VaryingParameters);
    }

    [Fact]
    public void ARateOutsideZeroToOne_IsRefused_AtItsLine()
    {
        var file = folder.Write("bad.yaml", "name: d\nparameters:\n  dropout: {values: [0.2, 1]}\n");

        var errors = Assert.Throws<SweepFileException>(() => SweepFileLoader.Load(file)).Errors;

        Assert.Contains(errors, error => error.StartsWith($"{file}:3:", StringComparison.Ordinal) && error.Contains("dropout must be in [0, 1), got 1", StringComparison.Ordinal));
    }

    [Fact]
    public void AnOverride_SetsDropoutOnEveryTrial()
    {
        var definition = SweepFileLoader.Load(folder.Write("s.yaml", "name: d\nparameters:\n  lr: {values: [0.1, 0.5]}\n"), ["dropout=0.2"]);

        Assert.All(definition.Expand(_ => Fixtures.DatasetChecksum), trial => Assert.Equal(0.2, trial.Get(HyperParameters.Dropout)));
    }

    private SweepDefinition Load(string yaml) => SweepFileLoader.Load(folder.Write("sweep.yaml", yaml));
}
