using Spectre.Console;
using Sweep.Cli.Views;
using Sweep.Coordinator.Running;
using Sweep.Results.Reports;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Views;

/// <summary>
/// Both run views show who holds a remote trial and how long since its heartbeat; with every worker local (no holder)
/// the live table keeps its four columns. The views are fed snapshots as SweepRunner makes them (see
/// Coordinator.Tests' RemoteHeartbeatTests for where the holders come from).
/// </summary>
public sealed class RemoteHolderViewTests
{
    private const string Hash = "4bf3d5862d0a1e2f4bf3d5862d0a1e2f4bf3d5862d0a1e2f4bf3d5862d0a1e2f";

    [Fact]
    public void LiveView_AddsAHeldByColumn_WithTheHolderAndItsHeartbeatAge()
    {
        var shown = Live(new RunningTrial(Hash, "lr=0.1", 1, 3, 0.9, "far-host:42", TimeSpan.FromSeconds(12)));

        Assert.Contains("held by (last heartbeat)", shown);
        Assert.Contains("far-host:42 (12 s ago)", shown);
    }

    [Fact]
    public void LiveView_WithoutHolders_HasNoHeldByColumn()
    {
        var shown = Live(new RunningTrial(Hash, "lr=0.1", 1, 3, 0.9));

        Assert.Contains(TrialHashText.Short(Hash), shown);
        Assert.DoesNotContain("held by", shown);
    }

    [Fact]
    public void PlainView_PrintsAHeldLine_OnceForTheSameHolder_AndALateHeartbeatLine()
    {
        var log = new StringWriter();
        var view = new PlainRunView(log, Metric.ValAcc);

        view.Update(Snapshot(new RunningTrial(Hash, "lr=0.1", 1, 3, 0.9, "far-host:42", TimeSpan.FromSeconds(2))));
        view.Update(Snapshot(new RunningTrial(Hash, "lr=0.1", 1, 3, 0.9, "far-host:42", TimeSpan.FromSeconds(6))));
        view.Update(Snapshot(new RunningTrial(Hash, "lr=0.1", 1, 3, 0.9, "far-host:42", TimeSpan.FromSeconds(31))));

        var lines = log.ToString().Split('\n');
        Assert.Single(lines, line => line.StartsWith("[00:30] held     ", StringComparison.Ordinal) && line.Contains("by far-host:42, last heartbeat 2 s ago"));
        Assert.Single(lines, line => line.Contains("far-host:42: no heartbeat for 31 s", StringComparison.Ordinal));
    }

    private static string Live(RunningTrial trial)
    {
        var terminal = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(terminal) });
        console.Profile.Width = 160;
        using var view = new LiveRunView(console, Metric.ValAcc);
        view.Finish(Snapshot(trial));
        return terminal.ToString();
    }

    private static ProgressSnapshot Snapshot(RunningTrial trial) =>
        new("lr-lambda", 2, 0, 0, 1, [trial], null, 0, 2, TimeSpan.FromSeconds(30));
}
