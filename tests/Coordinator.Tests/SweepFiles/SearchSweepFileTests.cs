using Sweep.Trials;
using Sweep.Coordinator.SweepFiles;

namespace Sweep.Coordinator.Tests.SweepFiles;

/// <summary>The sweep-file syntax of search: `method: bayes` and `early_terminate`, as W&amp;B users write them.</summary>
public sealed class SearchSweepFileTests : IDisposable
{
    private const string Bayes = """
        name: search
        method: bayes
        run_cap: 40
        metric: {name: val_acc, goal: maximize}
        early_terminate: {type: hyperband, min_iter: 1, eta: 3}
        parameters:
          lr:       {min: 0.01, max: 2.0, scale: log}
          lambda:   {min: 1e-6, max: 1e-2, scale: log}
          hidden:   {values: [[100], [300], [500], [1000]]}
          momentum: {min: 0.0, max: 0.95}
          epochs:   {value: 9}

        """;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Load_ReadsTheIssuesBayesSweep_WithItsHyperbandRule()
    {
        var definition = SweepFileLoader.Load(folder.Write("search.yaml", Bayes));

        Assert.Equal(SweepMethod.Bayes, definition.Method);
        Assert.Equal(40, definition.TrialCount);
        Assert.Equal(new EarlyTermination(EarlyTerminationType.Hyperband, 1, 3), definition.EarlyTermination);
        Assert.Equal([1, 3], definition.EarlyTermination!.Rungs(9));
        Assert.Contains("\"early_terminate\":{\"type\":\"hyperband\",\"min_iter\":1,\"eta\":3}", definition.ToJson());
    }

    [Fact]
    public void EarlyTerminate_IsAllowedOnAGrid_AndDefaultsToMinIter1Eta3()
    {
        var definition = SweepFileLoader.Load(folder.Write("grid.yaml",
            "name: g\nearly_terminate: {type: asha}\nparameters:\n  lr: {values: [0.1, 0.5]}\n  epochs: {value: 30}\n"));

        Assert.Equal(SweepMethod.Grid, definition.Method);
        Assert.Equal([1, 3, 9, 27], definition.EarlyTermination!.Rungs(30));
    }

    [Theory]
    [InlineData(EarlyTerminationType.Hyperband, 2, 2.0, 20, new[] { 2, 4, 8, 16 })]
    [InlineData(EarlyTerminationType.Asha, 1, 2.5, 10, new[] { 1, 3, 6 })]
    [InlineData(EarlyTerminationType.Median, 3, 3.0, 6, new[] { 3, 4, 5 })]
    [InlineData(EarlyTerminationType.Hyperband, 4, 3.0, 4, new int[0])]
    public void Rungs_StopBeforeTheLastEpoch(EarlyTerminationType type, int minIter, double eta, int epochs, int[] expected) =>
        Assert.Equal(expected, new EarlyTermination(type, minIter, eta).Rungs(epochs));
}
