using Dapper;
using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Results.Tests;

public sealed class ResultsStoreTrialLifecycleTests : IDisposable
{
    private readonly TempResultsFile file = new();
    private readonly ResultsStore store;
    private readonly IReadOnlyList<PlannedTrial> trials = Fixtures.Grid(0.1, 0.5, 1.0);

    public ResultsStoreTrialLifecycleTests()
    {
        store = file.Open();
        store.SyncSweep(Fixtures.Sweep(), trials);
    }

    public void Dispose()
    {
        store.Dispose();
        file.Dispose();
    }

    [Fact]
    public void RecordOutcome_StoresTheFingerprintOfThisProcessesCode_InTrialResults()
    {
        var claim = store.TryClaim(trials[0].Hash, "worker-1")!;
        using var connection = file.Connect();
        const string code = "SELECT code FROM trial_results WHERE hash = @Hash";
        Assert.Null(connection.QuerySingle<string?>(code, new { trials[0].Hash })); // no outcome yet

        Assert.True(store.RecordOutcome(claim, Fixtures.Completed(0.9)));

        Assert.Equal(CodeFingerprint.Current, connection.QuerySingle<string?>(code, new { trials[0].Hash }));
    }

    [Fact]
    public void ClaimEpochsOutcome_StoresTheAttemptItsCurveAndItsResult()
    {
        var claim = store.TryClaim(trials[0].Hash, "worker-1");
        Assert.Equal((trials[0].Hash, 1, "worker-1"), (claim!.TrialHash, claim.Attempt, claim.Worker));
        Assert.Equal(TrialStatus.Running, store.TrialRows("lr-lambda")[0].Status);

        store.RecordEpoch(claim!, new EpochMetrics(1, 0.5, 0.4, 0.90, 1.0));
        store.RecordEpoch(claim!, new EpochMetrics(2, 0.3, 0.35, 0.93, 1.0));
        var running = Assert.Single(Running());
        Assert.Equal((2, 0.93), (running.LatestEpoch, running.LatestValAcc));

        Assert.True(store.RecordOutcome(claim!, Fixtures.Completed(0.95, seconds: 2.0, epochs: 2)));

        var row = store.TrialRows("lr-lambda")[0];
        Assert.Equal((TrialStatus.Completed, 0.95, 2, "worker-1", 1), (row.Status, row.ValAcc, row.EpochsDone, row.Worker, row.Attempt));
        Assert.NotNull(row.FinishedAt);
        Assert.Equal(new[] { 1, 2 }, store.Epochs(trials[0].Hash).Select(epoch => epoch.Epoch));
        Assert.Empty(Running());
    }

    [Fact]
    public void TryClaim_OfATrialAlreadyClaimed_ReturnsNull_AsForADuplicateDelivery()
    {
        Assert.NotNull(store.TryClaim(trials[0].Hash, "worker-1"));

        Assert.Null(store.TryClaim(trials[0].Hash, "worker-2"));
    }

    [Fact]
    public void TryClaim_OfATrialWithAResult_ReturnsNull()
    {
        var claim = store.TryClaim(trials[0].Hash, "worker-1")!;
        store.RecordOutcome(claim, Fixtures.Completed(0.95));

        Assert.Null(store.TryClaim(trials[0].Hash, "worker-1"));
    }

    [Fact]
    public void RecordOutcome_OfAStaleClaim_StoresNothingAndReturnsFalse()
    {
        var stale = store.TryClaim(trials[0].Hash, Fixtures.DeadWorker)!;
        store.PrepareRun("lr-lambda", retryFailed: false); // the coordinator restarted: its dead worker's trial → Pending
        var current = store.TryClaim(trials[0].Hash, "worker-2")!;

        store.RecordEpoch(stale, new EpochMetrics(1, 9, 9, 0.1, 1));
        Assert.False(store.RecordOutcome(stale, Fixtures.Completed(0.11)));

        var row = store.TrialRows("lr-lambda")[0];
        Assert.Equal((TrialStatus.Running, 2, (double?)null), (row.Status, row.Attempt, row.ValAcc));
        Assert.Empty(store.Epochs(trials[0].Hash));
        Assert.True(store.RecordOutcome(current, Fixtures.Completed(0.96)));
    }

    [Fact]
    public void RecordOutcome_ASecondTimeForTheSameClaim_StoresNothing()
    {
        var claim = store.TryClaim(trials[0].Hash, "worker-1")!;
        Assert.True(store.RecordOutcome(claim, Fixtures.Completed(0.95)));

        Assert.False(store.RecordOutcome(claim, TrialOutcome.Failed("boom", 1)));

        Assert.Equal(TrialStatus.Completed, store.TrialRows("lr-lambda")[0].Status);
    }

    [Fact]
    public void RecordOutcome_StoresMetricsNotReachedAsNull()
    {
        var claim = store.TryClaim(trials[0].Hash, "worker-1")!;
        var diverged = new TrialOutcome(TrialStatus.Diverged, "loss became NaN at epoch 2", double.NaN, double.PositiveInfinity,
            0.1, double.NaN, double.NaN, 3.0, 2);

        store.RecordOutcome(claim, diverged);

        using var connection = file.Connect();
        var row = connection.QuerySingle<(string Status, string Error, double? TrainLoss, double? ValLoss, double? ValAcc)>(
            "SELECT status, error, train_loss, val_loss, val_acc FROM trials WHERE hash = @Hash", new { trials[0].Hash });
        Assert.Equal(("diverged", "loss became NaN at epoch 2", (double?)null, (double?)null, (double?)0.1), row);
    }

    [Fact]
    public void TryClaim_OfARetriedTrial_StartsANewAttemptWithoutTheOldCurve()
    {
        var first = store.TryClaim(trials[0].Hash, "worker-1")!;
        store.RecordEpoch(first, new EpochMetrics(1, 0.5, 0.4, 0.9, 1));
        store.RecordOutcome(first, TrialOutcome.Failed("out of memory", 1));
        store.PrepareRun("lr-lambda", retryFailed: true);

        var second = store.TryClaim(trials[0].Hash, "worker-1")!;

        Assert.Equal(2, second.Attempt);
        Assert.Empty(store.Epochs(trials[0].Hash));
        Assert.Null(store.TrialRows("lr-lambda")[0].Error);
    }

    [Fact]
    public void PrepareRun_ResetsRunningTrialsOfDeadWorkersAndInterruptedTrials_AndReturnsThePendingOnesInSweepOrder()
    {
        store.TryClaim(trials[2].Hash, Fixtures.DeadWorker);
        var interrupted = store.TryClaim(trials[1].Hash, "worker-1")!;
        store.RecordOutcome(interrupted, TrialOutcome.Failed("interrupted", 1) with { Status = TrialStatus.Interrupted });

        var pending = store.PrepareRun("lr-lambda", retryFailed: false);

        Assert.Equal(trials.Select(trial => trial.Hash), pending.Select(trial => trial.Hash));
        Assert.Equal(trials[0].ConfigJson, pending[0].ConfigJson);
        Assert.Equal(3, Counts().Pending);
    }

    [Fact]
    public void PrepareRun_OfASecondRun_LeavesATrialUnderALiveLease_ToTheRunTrainingIt()
    {
        var firstRun = store.TryClaim(trials[1].Hash, "first-run")!; // alive, renewing: training epoch 2 of 3

        using var secondRun = file.Open();
        var pending = secondRun.PrepareRun("lr-lambda", retryFailed: false);

        Assert.Equal([trials[0].Hash, trials[2].Hash], pending.Select(trial => trial.Hash));
        Assert.Equal(new HashSet<string> { trials[1].Hash }, secondRun.HeldByOthers("lr-lambda"));
        Assert.Null(secondRun.TryClaim(trials[1].Hash, "second-run"));
        Assert.True(store.RecordOutcome(firstRun, Fixtures.Completed(0.9)));
        Assert.Equal((TrialStatus.Completed, 1, "first-run"), (Row(1).Status, Row(1).Attempt, Row(1).Worker));
    }

    [Fact]
    public void PrepareRun_ResetsARunningTrialWhoseLeaseExpired_AndTakeBackExpiredReturnsItOnlyThen()
    {
        using (var shortLease = file.Open(lease: TimeSpan.FromMilliseconds(300)))
            Assert.NotNull(shortLease.TryClaim(trials[1].Hash, "frozen-run"));
        Assert.Empty(store.TakeBackExpired("lr-lambda", [trials[1].Hash, trials[2].Hash]));

        Thread.Sleep(600); // the holder never renews

        Assert.Equal([trials[1].Hash], store.TakeBackExpired("lr-lambda", [trials[1].Hash]).Select(trial => trial.Hash));
        Assert.Equal(TrialStatus.Pending, Row(1).Status);
        Assert.Equal(2, store.TryClaim(trials[1].Hash, "worker-2")?.Attempt);
    }

    [Fact]
    public void PrepareRun_ResetsARunningTrialWithoutALease_AsRowsWrittenBeforeLeasesExisted()
    {
        store.TryClaim(trials[1].Hash, "old-version");
        using (var connection = file.Connect())
            connection.Execute("UPDATE trials SET owner = NULL, lease_expires_at = NULL WHERE hash = @Hash", new { trials[1].Hash });

        Assert.Equal(3, store.PrepareRun("lr-lambda", retryFailed: false).Count);
    }

    [Fact]
    public void PrepareRun_RetriesFailedAndDivergedTrials_OnlyWhenAsked()
    {
        store.RecordOutcome(store.TryClaim(trials[0].Hash, "w")!, TrialOutcome.Failed("boom", 1));
        store.RecordOutcome(store.TryClaim(trials[1].Hash, "w")!, TrialOutcome.Failed("nan", 1) with { Status = TrialStatus.Diverged });
        store.RecordOutcome(store.TryClaim(trials[2].Hash, "w")!, Fixtures.Completed(0.9));

        Assert.Empty(store.PrepareRun("lr-lambda", retryFailed: false));
        Assert.Equal(new[] { trials[0].Hash, trials[1].Hash },
            store.PrepareRun("lr-lambda", retryFailed: true).Select(trial => trial.Hash));
        Assert.Equal(1, Counts().Completed);
    }

    [Fact]
    public void PrepareRun_OfAnUnknownSweep_Throws()
    {
        Assert.Throws<KeyNotFoundException>(() => store.PrepareRun("nope", retryFailed: false));
    }

    [Fact]
    public void StatusQueries_CountTrialsByState_FindTheBestTrial_AndListSweeps()
    {
        store.RecordOutcome(store.TryClaim(trials[0].Hash, "w")!, Fixtures.Completed(0.91));
        store.RecordOutcome(store.TryClaim(trials[1].Hash, "w")!, Fixtures.Completed(0.97));
        store.TryClaim(trials[2].Hash, "w");
        store.SyncSweep(Fixtures.Sweep("loss", metric: "val_loss", goal: "minimize"), [trials[0]]);

        Assert.Equal(new StatusCounts(0, 1, 2, 0, 0, 0), Counts());
        Assert.Equal(trials[1].Hash, store.BestTrial("lr-lambda")!.Hash);
        Assert.Equal(trials[0].Hash, store.BestTrial("loss")!.Hash);
        var sweeps = store.ListSweeps();
        Assert.Equal(new[] { "loss", "lr-lambda" }, sweeps.Select(sweep => sweep.Name));
        Assert.Equal((3, 2), (sweeps[1].Counts.Total, sweeps[1].Counts.Completed));
        Assert.Equal("val_loss", sweeps[0].Metric);
    }

    /// <summary>The sweep's trials in each state, as `sweep status` reads them.</summary>
    private StatusCounts Counts() => store.ListSweeps().Single(sweep => sweep.Name == "lr-lambda").Counts;

    /// <summary>The sweep's running trials, as the run loop picks them out of its rows.</summary>
    private List<TrialRow> Running() => store.TrialRows("lr-lambda").Where(row => row.Status == TrialStatus.Running).ToList();

    private TrialRow Row(int index) => store.TrialRows("lr-lambda")[index];
}
