using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Running;

/// <summary>
/// `sweep stop SWEEP` without a queue, end to end: a real `sweep run` on the embedded queue, stopped from another real
/// process through the results file, ends as its Ctrl-C would; a request older than a run never stops it.
/// </summary>
public class StopRunTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    /// <summary>Three quick trials (softmax regression, one epoch); the first run trains only lr=0.1 of them.</summary>
    private const string QuickSweep = """
        name: quick
        parameters:
          lr: {values: [0.1, 0.2, 0.3]}
          hidden: {value: []}
          epochs: {value: 1}
        """;

    /// <summary>
    /// Four trials of several seconds each: `sweep stop` is a process of its own, whose start under a loaded machine took
    /// longer than the two epochs left of a short trial (the run then had no trial running to interrupt).
    /// </summary>
    private const string StoppableSweep = """
        name: stoppable
        parameters:
          lr: {values: [0.05, 0.1, 0.2, 0.3]}
          hidden: {value: [1000]}
          epochs: {value: 4}
        """;

    [Fact]
    public void SweepStop_OfARunningEmbeddedRun_EndsItWith130_InterruptsItsTrials_AndTheNextRunResumes()
    {
        using var folder = new TempFolder();
        var file = folder.Write("stoppable.yaml", StoppableSweep);

        using (var run = new RunningSweep(folder.Path, "run", file))
        {
            run.WaitForError("epoch 1/4", Patience);

            var stop = SweepProcess.RunIn(folder.Path, "stop", "stoppable");

            Assert.True(stop.ExitCode == 0, stop.ToString());
            Assert.Contains("sweep stop stoppable: stop requested", stop.Stdout);
            Assert.Equal(130, run.WaitForExit(Patience));
            Assert.Contains("sweep: stopped by `sweep stop` at ", run.Stderr);
            Assert.Contains("run the same command again to resume", run.Stderr);
        }
        using (var store = ResultsStore.Open(folder.ResultsPath))
        {
            var counts = store.ListSweeps().Single(sweep => sweep.Name == "stoppable").Counts;
            Assert.True(counts.Completed < 4, $"the run was meant to be stopped in the middle: {counts}");
            Assert.True(counts.Interrupted >= 1, $"running trials are marked interrupted: {counts}");
            Assert.Equal(0, counts.Running);
        }

        // The request is older than the next run, so that run is not stopped: it trains the rest.
        var rerun = SweepRunTests.AssertCompletesWithOneResultPerTrial(folder, file, "stoppable", trials: 4, epochs: 4);
        Assert.Contains("(attempt 2)", rerun.Stderr);
    }

    [Fact]
    public void SweepStop_WithNoRun_SaysSo_AndARunStartedAfterItIsNotStopped()
    {
        using var folder = new TempFolder();
        var file = QuickSweepWithOneTrialRun(folder);

        var stop = SweepProcess.RunIn(folder.Path, "stop", "quick");
        var run = SweepProcess.RunIn(folder.Path, "run", file);

        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Contains("sweep stop quick: no run of it holds a trial; nothing to stop", stop.Stdout);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("stopped by", run.Stderr);
        using var store = ResultsStore.Open(folder.ResultsPath);
        Assert.NotNull(store.StopRequestedAt("quick")); // the request is there, and was ignored as older than the run
        Assert.All(store.TrialRows("quick"), row => Assert.Equal((TrialStatus.Completed, 1), (row.Status, row.Attempt)));
        Assert.Equal(3, store.TrialRows("quick").Count);
    }

    [Fact]
    public void SweepStop_OfAnUnknownSweep_Exits2_NamingItAndTheNearestName()
    {
        using var folder = new TempFolder();
        var file = QuickSweepWithOneTrialRun(folder);

        var stop = SweepProcess.RunIn(folder.Path, "stop", "quik");

        Assert.True(stop.ExitCode == 2, stop.ToString());
        Assert.Contains("no sweep named 'quik' (did you mean 'quick'?)", stop.Stderr);
        Assert.Empty(stop.Stdout);
        using var store = ResultsStore.Open(folder.ResultsPath);
        Assert.Null(store.StopRequestedAt("quick"));
    }

    /// <summary>Writes the quick sweep and runs one of its trials, so the results file knows the sweep; returns the file.</summary>
    private static string QuickSweepWithOneTrialRun(TempFolder folder)
    {
        var file = folder.Write("quick.yaml", QuickSweep);
        var first = SweepProcess.RunIn(folder.Path, "run", file, "lr=0.1");
        Assert.True(first.ExitCode == 0, first.ToString());
        return file;
    }
}
