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
}
