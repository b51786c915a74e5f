using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Results.Tests;

/// <summary>The coordinator copying remote workers' reports: idempotent, and a stored result is never replaced.</summary>
public sealed class ResultsStoreMirrorTests : IDisposable
{
    private readonly TempResultsFile file = new();
    private readonly ResultsStore store;
    private readonly IReadOnlyList<PlannedTrial> trials = Fixtures.Grid(0.1, 0.5);

    public ResultsStoreMirrorTests()
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
    public void Mirror_OfARunningAttempt_ShowsItsWorkerAttemptAndEpochs()
    {
        var running = new RemoteTrialState("host-b:42", 2, [new EpochMetrics(1, 0.5, 0.4, 0.9, 1), new EpochMetrics(2, 0.4, 0.3, 0.93, 1)], null, "17");

        Assert.False(store.Mirror(trials[0].Hash, running));

        var row = store.TrialRows("lr-lambda")[0];
        Assert.Equal((TrialStatus.Running, "host-b:42", 2, 2, 0.93), (row.Status, row.Worker, row.Attempt, row.LatestEpoch, row.LatestValAcc));
    }

    [Fact]
    public void Mirror_OfAnOutcome_StoresItOnce_AndALaterReportNeverReplacesIt()
    {
        var done = new RemoteTrialState("host-b:42", 1, [new EpochMetrics(1, 0.5, 0.4, 0.9, 1)], Fixtures.Completed(0.9, epochs: 1), "17");
        var late = new RemoteTrialState("host-c:7", 2, [], Fixtures.Completed(0.5, epochs: 1), "18");

        Assert.True(store.Mirror(trials[0].Hash, done));
        Assert.False(store.Mirror(trials[0].Hash, done));
        Assert.False(store.Mirror(trials[0].Hash, late));

        var row = store.TrialRows("lr-lambda")[0];
        Assert.Equal((TrialStatus.Completed, 0.9, "host-b:42", 1), (row.Status, row.ValAcc, row.Worker, row.Attempt));
        Assert.Single(store.Epochs(trials[0].Hash));
    }

    [Fact]
    public void Mirror_OfATrialNobodyStarted_ChangesNothing()
    {
        Assert.False(store.Mirror(trials[1].Hash, new RemoteTrialState(null, 0, [], null, "19")));

        Assert.Equal(TrialStatus.Pending, store.TrialRows("lr-lambda")[1].Status);
    }
}
