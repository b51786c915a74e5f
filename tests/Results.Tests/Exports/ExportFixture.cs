using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Results.Tests.Exports;

/// <summary>
/// A real results file holding a sweep whose trials have each thing an export must carry, written through the
/// store's own calls: a completed trial of a 256,128 net with three epochs at full double precision; a failed one whose
/// error holds a quote, a comma and a line break; one pruned at epoch 1 by a rung decision; one a search proposed
/// after seeing 4 results; one still pending.
/// </summary>
public sealed class ExportFixture : IDisposable
{
    public const string Error = "IOException: \"disk\" full,\nthen retried";

    private readonly TempResultsFile file = new();

    public ExportFixture()
    {
        Store = file.Open();
        Sweep = Fixtures.Sweep();
        var completed = Fixtures.Planned(Fixtures.Config(0.1, 1e-4, 1, 256, 128));
        var failed = Fixtures.Planned(Fixtures.Config(0.5));
        var pruned = Fixtures.Planned(Fixtures.Config(0.01));
        var pending = Fixtures.Planned(Fixtures.Config(1.0));
        Store.SyncSweep(Sweep, [completed, failed, pruned, pending]);

        var claim = Store.TryClaim(completed.Hash, "host:1")!;
        for (var epoch = 1; epoch <= 3; epoch++)
            Store.RecordEpoch(claim, new EpochMetrics(epoch, 1.0 / (3 * epoch), 0.1 + 1.0 / 7 / epoch, 0.9 + epoch / 1000.0, 0.123456789 * epoch));
        Store.RecordOutcome(claim, Fixtures.Completed(0.9123456789012345));

        claim = Store.TryClaim(failed.Hash, "host:2")!;
        Store.RecordEpoch(claim, new EpochMetrics(1, 2.3, double.NaN, 0.1, 0.5));
        Store.RecordOutcome(claim, TrialOutcome.Failed(Error, 0.75));

        claim = Store.TryClaim(pruned.Hash, "host:3")!;
        var atRung = new EpochMetrics(1, 2.2, 2.1, 0.5, 0.25);
        Store.RecordEpoch(claim, atRung);
        var plan = new PruningPlan(Sweep.Name, "val_acc", Goal.Maximize, new EarlyTermination(EarlyTerminationType.Asha, 1, 3));
        Decision = Store.JudgeRung(claim, plan, 1, atRung.ValAcc)!;
        Store.RecordOutcome(claim, TrialOutcome.Pruned(Decision, "val_acc", atRung, 0.3));

        Proposed = Fixtures.Planned(Fixtures.Config(0.2));
        Store.AddProposals(Sweep.Name, [new ProposedTrial(Proposed, 5, ResultsSeen: 4)]); // the fifth trial of the sweep
    }

    public ResultsStore Store { get; }

    public SweepRecord Sweep { get; }

    /// <summary>The rung decision that pruned the lr 0.01 trial.</summary>
    public RungDecision Decision { get; }

    public PlannedTrial Proposed { get; }

    public void Dispose()
    {
        Store.Dispose();
        file.Dispose();
    }
}
