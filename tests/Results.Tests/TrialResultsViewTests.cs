using Sweep.Trials;
using Dapper;

namespace Sweep.Results.Tests;

public sealed class TrialResultsViewTests : IDisposable
{
    private readonly TempResultsFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public void TheReadmeQuery_ReturnsOneColumnPerHyperparameter_RankedByValAcc()
    {
        using (var store = file.Open())
        {
            var trials = new[]
            {
                Fixtures.Planned(Fixtures.Config(lr: 0.1, lambda: 1e-4)),
                Fixtures.Planned(Fixtures.Config(lr: 0.5, lambda: 1e-3, hidden: [256, 128])),
                Fixtures.Planned(Fixtures.Config(lr: 1.0, lambda: 0, hidden: [500])),
            };
            store.SyncSweep(Fixtures.Sweep(), trials);
            store.SyncSweep(Fixtures.Sweep("other"), [trials[0]]);
            store.RecordOutcome(store.TryClaim(trials[0].Hash, "w")!, Fixtures.Completed(0.92));
            store.RecordOutcome(store.TryClaim(trials[1].Hash, "w")!, Fixtures.Completed(0.98));
        }
        using var connection = file.Connect();

        var rows = connection.Query<(double Lr, double Lambda, double? ValAcc)>(
            "select lr, lambda, val_acc from trial_results where sweep = 'lr-lambda' order by val_acc desc").ToList();

        Assert.Equal(new (double, double, double?)[] { (0.5, 1e-3, 0.98), (0.1, 1e-4, 0.92), (1.0, 0, null) }, rows);
        var hidden = connection.Query<string>("select hidden from trial_results where sweep = 'lr-lambda' order by position");
        Assert.Equal(new[] { "none", "256,128", "500" }, hidden);
        var columns = connection.Query<string>("select name from pragma_table_info('trial_results')").ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "sweep", "hash", "status", "error", "worker", "seconds", "epochs_done", "train_loss", "val_loss", "val_acc",
            "test_loss", "test_acc", "lr", "lambda", "hidden", "batch", "epochs", "seed", "momentum", "init", "val_size", "dataset",
        }, columns);
        Assert.Equal(1, connection.ExecuteScalar<int>("select count(*) from trial_results where sweep = 'other' and status = 'completed' and init = 'gaussian' and batch = 100"));
    }

    /// <summary>layers reads as the --layers text, 'none' for trials without a spec (those stored before it existed too).</summary>
    [Fact]
    public void TheLayersColumn_ShowsTheSpecAsText_AndNoneWithoutOne_AndFullyConnectedSpecsAsHidden()
    {
        var conv = Fixtures.Config().With(HyperParameters.Layers, HyperParameters.Layers.Parse("conv5x5:32,pool2,conv3x3:64:valid,fc:500"));
        var fullyConnected = Fixtures.Config().With(HyperParameters.Layers, HyperParameters.Layers.Parse("fc:300"));
        using (var store = file.Open()) store.SyncSweep(Fixtures.Sweep(), [Fixtures.Planned(conv), Fixtures.Planned(Fixtures.Config(lr: 0.5)), Fixtures.Planned(fullyConnected)]);
        using var connection = file.Connect();

        var rows = connection.Query<(string Layers, string Hidden)>("select layers, hidden from trial_results order by position");

        Assert.Equal([("conv5x5:32,pool2,conv3x3:64:valid,fc:500", "none"), ("none", "none"), ("none", "300")], rows);
        Assert.Equal(1, connection.ExecuteScalar<int>("select count(*) from trial_results where layers like 'conv5x5:32,%'"));
    }

    /// <summary>A file whose view an older sweep wrote (fewer columns) gets the view of today's parameter table on open.</summary>
    [Fact]
    public void Opening_ReplacesAViewThatDiffersFromTheParameterTable()
    {
        using (var store = file.Open()) store.SyncSweep(Fixtures.Sweep(), [Fixtures.Planned(Fixtures.Config(lr: 0.5, lambda: 1e-3))]);
        using (var connection = file.Connect())
            connection.Execute("DROP VIEW trial_results; CREATE VIEW trial_results AS SELECT st.sweep AS sweep FROM sweep_trials st");

        using (file.Open()) { }

        using var reopened = file.Connect();
        var columns = reopened.Query<string>("select name from pragma_table_info('trial_results')").ToHashSet();
        Assert.Superset(HyperParameters.Names.ToHashSet(), columns);
        Assert.Equal(0.5, reopened.ExecuteScalar<double>("select lr from trial_results"));
        Assert.Equal(Storage.TrialResultsView.Sql, reopened.ExecuteScalar<string>("select sql from sqlite_master where name = 'trial_results'"));
    }
}
