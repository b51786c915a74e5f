using Sweep.Coordinator.Running;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.Running;

/// <summary>The log lines about remote holders: one when a holder appears or changes, one when its heartbeat is late, none per poll.</summary>
public sealed class HolderWatchTests
{
    private const string Hash = "4bf3d5862d0a1e2f4bf3d5862d0a1e2f4bf3d5862d0a1e2f4bf3d5862d0a1e2f";
    private readonly HolderWatch watch = new();

    [Fact]
    public void Advance_SaysWhoHoldsATrial_OnceUntilTheHolderChanges()
    {
        var first = watch.Advance(Holding("far-host:42", seconds: 3));
        var again = watch.Advance(Holding("far-host:42", seconds: 8));
        var changed = watch.Advance(Holding("other-host:9", seconds: 0));

        Assert.Equal([$"held     {TrialHashText.Short(Hash)}  by far-host:42, last heartbeat 3 s ago"], first);
        Assert.Empty(again);
        Assert.Equal([$"held     {TrialHashText.Short(Hash)}  by other-host:9, last heartbeat 0 s ago"], changed);
    }

    [Fact]
    public void Advance_SaysOnceThatAHeartbeatIsLate_AndAgainOnlyAfterTheHolderRenewed()
    {
        watch.Advance(Holding("far-host:42", seconds: 5));

        var late = watch.Advance(Holding("far-host:42", seconds: 21));
        var stillLate = watch.Advance(Holding("far-host:42", seconds: 40));
        var renewed = watch.Advance(Holding("far-host:42", seconds: 1));
        var lateAgain = watch.Advance(Holding("far-host:42", seconds: 25));

        var line = Assert.Single(late);
        Assert.StartsWith($"silent   {TrialHashText.Short(Hash)}  far-host:42: no heartbeat for 21 s;", line);
        Assert.Contains("60 s lease", line);
        Assert.Empty(stillLate);
        Assert.Empty(renewed);
        Assert.Contains("no heartbeat for 25 s", Assert.Single(lateAgain));
    }

    [Fact]
    public void Advance_JudgesLatenessByTheHoldersLease_TwoRenewalsOfSix()
    {
        var holding = (int seconds) => Snapshot(new RunningTrial(Hash, "lr=0.1", 1, 3, 0.9, "far-host:42", TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(12)));
        watch.Advance(holding(1));

        var onTime = watch.Advance(holding(3));
        var late = watch.Advance(holding(5));

        Assert.Empty(onTime);
        Assert.Equal($"silent   {TrialHashText.Short(Hash)}  far-host:42: no heartbeat for 5 s; the trial is handed out again when its 12 s lease lapses",
            Assert.Single(late));
    }

    [Fact]
    public void Advance_SaysNothing_ForTrialsWithoutAHolder_AsEveryLocalRunHas()
    {
        var local = Snapshot(new RunningTrial(Hash, "lr=0.1", 1, 3, 0.9));

        Assert.Empty(watch.Advance(local));
        Assert.Empty(watch.Advance(local));
    }

    [Fact]
    public void Advance_SaysWhoHoldsATrialAgain_WhenItRunsAgainAfterEnding()
    {
        watch.Advance(Holding("far-host:42", seconds: 2));
        watch.Advance(Snapshot());

        Assert.Single(watch.Advance(Holding("far-host:42", seconds: 2)));
    }

    private static ProgressSnapshot Holding(string holder, int seconds) =>
        Snapshot(new RunningTrial(Hash, "lr=0.1", 1, 3, 0.9, holder, TimeSpan.FromSeconds(seconds)));

    private static ProgressSnapshot Snapshot(params RunningTrial[] running) =>
        new("lr-lambda", 1, 0, 0, 0, running, null, 0, 1, TimeSpan.FromSeconds(30));
}
