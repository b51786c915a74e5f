using Sweep.Engine.Training;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Web.Tests.Server;

/// <summary>
/// A real results file written through ResultsStore as a run writes it: a 2 × 2 lr × lambda grid sweep whose trials
/// completed with 3 epochs each, except one that failed with an error holding a script tag, one that was pruned at epoch 1
/// (with its rung decision), and one still pending.
/// </summary>
public sealed class UiResultsFile : IDisposable
{
    public const string SweepName = "grid-ui";
    public const string ScriptError = "<script>alert(1)</script> & \"quotes\"";

    private const string Definition = """
        {"name":"grid-ui","method":"grid","metric":{"name":"val_acc","goal":"maximize"},
         "parameters":{"lr":{"values":[0.1,1]},"lambda":{"values":[0,0.001]},"epochs":{"value":3}}}
        """;

    private readonly TempResultsFile file = new();

    public UiResultsFile()
    {
        Trials = [
            Fixtures.Planned(Fixtures.Config(lr: 0.1, lambda: 0)),
            Fixtures.Planned(Fixtures.Config(lr: 1, lambda: 0)),
            Fixtures.Planned(Fixtures.Config(lr: 0.1, lambda: 0.001)),
            Fixtures.Planned(Fixtures.Config(lr: 1, lambda: 0.001)),
            Fixtures.Planned(Fixtures.Config(lr: 0.5, lambda: 0.001)),
            Fixtures.Planned(Fixtures.Config(lr: 0.5, lambda: 0)),
        ];
        using var store = file.Open();
        store.SyncSweep(new SweepRecord(SweepName, "sweeps/grid-ui.yaml", "grid", "val_acc", "maximize", Definition), Trials);
        Complete(store, Trials[0], 0.90);
        Complete(store, Trials[1], 0.95);
        Complete(store, Trials[2], 0.91);
        var failed = store.TryClaim(Trials[3].Hash, "worker-1")!;
        store.RecordEpoch(failed, new EpochMetrics(1, 0.6, 0.5, 0.8, 1.0));
        store.RecordOutcome(failed, new TrialOutcome(TrialStatus.Failed, ScriptError, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 1.0, 1));
        var pruned = store.TryClaim(Trials[4].Hash, "worker-2")!;
        store.RecordEpoch(pruned, new EpochMetrics(1, 0.7, 0.6, 0.5, 1.0));
        store.RecordOutcome(pruned, new TrialOutcome(TrialStatus.Pruned, null, 0.7, 0.6, 0.5, double.NaN, double.NaN, 1.0, 1));
        using var connection = file.Connect();
        using var decision = connection.CreateCommand();
        decision.CommandText = """
            INSERT INTO decisions (sweep, trial_hash, attempt, rung, metric, value, threshold, compared, decision, rule, decided_at)
            VALUES (@Sweep, @Hash, 1, 1, 'val_acc', 0.5, 0.85, 3, 'prune', 'median', '2026-01-01T00:00:00.000Z')
            """;
        decision.Parameters.AddWithValue("@Sweep", SweepName);
        decision.Parameters.AddWithValue("@Hash", Trials[4].Hash);
        decision.ExecuteNonQuery();
    }

    public string Path => file.Path;

    /// <summary>In sweep order: completed 0.90, 0.95, 0.91; failed with <see cref="ScriptError"/>; pruned; pending.</summary>
    public IReadOnlyList<PlannedTrial> Trials { get; }

    /// <summary>A read-write store on the file, as a running `sweep run` holds it.</summary>
    public ResultsStore OpenWriter() => file.Open();

    public static void Complete(ResultsStore store, PlannedTrial trial, double valAcc)
    {
        var claim = store.TryClaim(trial.Hash, "worker-1")!;
        for (var epoch = 1; epoch <= 3; epoch++) store.RecordEpoch(claim, new EpochMetrics(epoch, 1.0 / epoch, 0.9 / epoch, valAcc - 0.01 * (3 - epoch), 1.0));
        store.RecordOutcome(claim, Fixtures.Completed(valAcc));
    }

    public void Dispose() => file.Dispose();
}
