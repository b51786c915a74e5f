using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Running;

/// <summary>
/// Two `sweep run` processes on one results file (issue 9, item 1): the second joins the first instead of resetting its
/// running trials, so every trial is trained exactly once (attempt 1), and both end with the same report.
/// </summary>
public class ConcurrentRunTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    [Fact]
    public void ASecondRunOfTheSameSweep_WhileTheFirstTrains_TrainsEveryTrialOnce_AndBothReportTheSame()
    {
        using var folder = new TempFolder();
        var file = folder.Write("interruptible.yaml", SweepRunTests.InterruptibleSweep);

        using var first = new RunningSweep(folder.Path, "run", file);
        first.WaitForError("epoch 1/3", Patience); // the first run is training: it holds its running trials
        var second = SweepProcess.RunIn(folder.Path, "run", file);
        var firstExit = first.WaitForExit(Patience);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(firstExit == 0, first.Stderr);
        using var store = ResultsStore.Open(folder.ResultsPath);
        var rows = store.TrialRows("interruptible");
        Assert.Equal(6, rows.Count);
        Assert.All(rows, row => Assert.Equal((TrialStatus.Completed, 1), (row.Status, row.Attempt)));
        Assert.All(rows, row => Assert.Equal([1, 2, 3], store.Epochs(row.Hash).Select(epoch => epoch.Epoch)));
        Assert.DoesNotContain("(attempt 2)", second.Stderr);
        Assert.Equal(Report(first.Stdout), Report(second.Stdout));
    }

    /// <summary>The report from its ranking on; trailing newlines differ between a streamed and a collected stdout.</summary>
    private static string Report(string stdout) => stdout[stdout.IndexOf("ranked by", StringComparison.Ordinal)..].TrimEnd();
}
