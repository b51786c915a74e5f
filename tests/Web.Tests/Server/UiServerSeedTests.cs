using Sweep.Results;

namespace Sweep.Web.Tests.Server;

/// <summary>A sweep whose configurations repeat over seeds: the seed groups (mean ± std) and the axes the charts get.</summary>
public sealed class UiServerSeedTests
{
    [Fact]
    public async Task ConfigurationsRunWithTwoSeeds_AreGroupedAsTheReportGroupsThem_BestFirst()
    {
        using var file = new TempResultsFile();
        (double Lr, ulong Seed, double Acc)[] trials = [(0.01, 1, 0.80), (0.01, 2, 0.84), (1.0, 1, 0.90), (1.0, 2, 0.92)];
        var planned = trials.Select(trial => Fixtures.Planned(Fixtures.Config(lr: trial.Lr, seed: trial.Seed))).ToList();
        using (var store = file.Open())
        {
            store.SyncSweep(new SweepRecord("seeds", null, "grid", "val_acc", "maximize",
                """{"parameters":{"lr":{"values":[0.01,1]},"seed":{"values":[1,2]}}}"""), planned);
            for (var i = 0; i < trials.Length; i++) UiResultsFile.Complete(store, planned[i], trials[i].Acc);
        }
        await using var ui = await RunningUi.StartAsync(file.Path);

        var sweep = await ui.JsonAsync("/api/sweeps/seeds");

        var groups = sweep.GetProperty("seedGroups");
        Assert.Equal(["lr=1", "lr=0.01"], groups.GetProperty("labels").EnumerateArray().Select(label => label.GetString()));
        Assert.Equal([2, 2], groups.GetProperty("n").EnumerateArray().Select(n => n.GetInt32()));
        Assert.Equal([0.91, 0.82], groups.GetProperty("means").EnumerateArray().Select(mean => mean.GetDouble()));
        Assert.Equal(Math.Sqrt(0.0002), groups.GetProperty("stds")[0].GetDouble(), 3);
        Assert.Equal(["lr", "seed"], sweep.GetProperty("parameters").EnumerateArray().Select(name => name.GetString()));
        // lr spans two decades of positive values: a log axis. Seed is averaged over, never a grid axis of the heatmap.
        Assert.Equal(["lr"], sweep.GetProperty("logScaled").EnumerateArray().Select(name => name.GetString()));
        Assert.Equal(["lr"], sweep.GetProperty("gridAxes").EnumerateArray().Select(name => name.GetString()));
    }
}
