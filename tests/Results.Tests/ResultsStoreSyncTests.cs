using Sweep.Trials;

namespace Sweep.Results.Tests;

public sealed class ResultsStoreSyncTests : IDisposable
{
    private readonly TempResultsFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public void SyncSweep_StoresTheSweepAndItsTrialsAsPendingInOrder()
    {
        using var store = file.Open();

        var summary = store.SyncSweep(Fixtures.Sweep(), Fixtures.Grid(0.1, 0.5, 1.0));

        Assert.Equal(new SyncSummary(3, 3), summary);
        Assert.Equal(Fixtures.Sweep(), store.GetSweep("lr-lambda"));
        var rows = store.TrialRows("lr-lambda");
        Assert.Equal(new[] { 0.1, 0.5, 1.0 }, rows.Select(row => row.Config.LearningRate));
        Assert.All(rows, row => Assert.Equal(TrialStatus.Pending, row.Status));
    }

    [Fact]
    public void SyncSweep_Twice_KeepsResultsAndAddsOnlyTheNewTrials()
    {
        using var store = file.Open();
        var first = Fixtures.Grid(0.1, 0.5);
        store.SyncSweep(Fixtures.Sweep(), first);
        var claim = store.TryClaim(first[0].Hash, "w1")!;
        store.RecordOutcome(claim, Fixtures.Completed(0.97));

        var summary = store.SyncSweep(Fixtures.Sweep() with { Method = "random" }, Fixtures.Grid(1.0, 0.1, 0.5));

        Assert.Equal(new SyncSummary(3, 1), summary);
        var rows = store.TrialRows("lr-lambda");
        Assert.Equal(new[] { 1.0, 0.1, 0.5 }, rows.Select(row => row.Config.LearningRate));
        Assert.Equal(TrialStatus.Completed, rows[1].Status);
        Assert.Equal(0.97, rows[1].ValAcc);
        Assert.Equal("random", store.GetSweep("lr-lambda")!.Method);
    }

    [Fact]
    public void SyncSweep_MakesTheLinksExactlyTheGivenList_AndATrialMayBelongToSeveralSweeps()
    {
        using var store = file.Open();
        store.SyncSweep(Fixtures.Sweep("a"), Fixtures.Grid(0.1, 0.5));
        store.SyncSweep(Fixtures.Sweep("b"), Fixtures.Grid(0.5));

        store.SyncSweep(Fixtures.Sweep("a"), Fixtures.Grid(0.1));

        Assert.Equal(new[] { 0.1 }, store.TrialRows("a").Select(row => row.Config.LearningRate));
        Assert.Equal(new[] { 0.5 }, store.TrialRows("b").Select(row => row.Config.LearningRate));
    }

    [Fact]
    public void AddProposals_MadeAfterFewerTrialsThanTheSweepHasNow_AddsNothing_AndSaysSoWithNull()
    {
        using var store = file.Open();
        store.SyncSweep(Fixtures.Sweep(), [], searched: true);
        var grid = Fixtures.Grid(0.1, 0.2, 0.3);
        Assert.NotNull(store.AddProposals("lr-lambda", [new ProposedTrial(grid[0], 1, 0)]));

        // Another run proposed trial 2 after trial 1 meanwhile: this run's trial 2, also made after trial 1, is stale.
        Assert.NotNull(store.AddProposals("lr-lambda", [new ProposedTrial(grid[1], 2, 0)]));
        Assert.Null(store.AddProposals("lr-lambda", [new ProposedTrial(grid[2], 2, 0)]));

        Assert.Equal(new[] { 0.1, 0.2 }, store.TrialRows("lr-lambda").Select(row => row.Config.LearningRate));
        // Proposed again from the two trials there are now, it goes in.
        Assert.Single(store.AddProposals("lr-lambda", [new ProposedTrial(grid[2], 3, 1)])!);
        Assert.Equal(new[] { 0.1, 0.2, 0.3 }, store.TrialRows("lr-lambda").Select(row => row.Config.LearningRate));
    }

    [Fact]
    public void SyncSweep_OfASearch_KeepsTheProposalsAddedSinceItsListWasRead()
    {
        using var store = file.Open();
        var grid = Fixtures.Grid(0.1, 0.2);
        store.SyncSweep(Fixtures.Sweep(), [], searched: true);
        store.AddProposals("lr-lambda", [new ProposedTrial(grid[0], 1, 0)]);
        var readByASecondRun = store.TrialRows("lr-lambda").Select(row => Fixtures.Planned(row.Config)).ToList();
        store.AddProposals("lr-lambda", [new ProposedTrial(grid[1], 2, 0)]); // the first run goes on proposing

        store.SyncSweep(Fixtures.Sweep(), readByASecondRun, searched: true);

        Assert.Equal(new[] { 0.1, 0.2 }, store.TrialRows("lr-lambda").Select(row => row.Config.LearningRate));
    }

    [Fact]
    public void SyncSweep_RefusesAListThatNamesATrialTwice()
    {
        using var store = file.Open();

        var error = Assert.Throws<ArgumentException>(() => store.SyncSweep(Fixtures.Sweep(), Fixtures.Grid(0.1, 0.1)));

        Assert.Contains(Fixtures.Grid(0.1)[0].Hash, error.Message);
    }

    [Fact]
    public void SyncSweep_RefusesAnUnknownMetricOrGoal_NamingBoth()
    {
        using var store = file.Open();

        var error = Assert.Throws<ArgumentException>(() =>
            store.SyncSweep(Fixtures.Sweep(metric: "accuracy", goal: "up"), Fixtures.Grid(0.1)));

        Assert.Contains("unknown metric 'accuracy'", error.Message);
        Assert.Contains("unknown goal 'up'", error.Message);
        Assert.Empty(store.ListSweeps());
    }
}
