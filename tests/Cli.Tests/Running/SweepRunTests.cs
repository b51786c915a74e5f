using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Running;

/// <summary>`sweep run` end to end: real processes, real MNIST, a real SQLite file, real signals.</summary>
public class SweepRunTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    /// <summary>Six trials of a few seconds each: long enough to interrupt in the middle.</summary>
    internal const string InterruptibleSweep = """
        name: interruptible
        parameters:
          lr: {values: [0.05, 0.1, 0.2, 0.3, 0.4, 0.5]}
          hidden: {value: [300]}
          epochs: {value: 3}
        """;

    [Fact]
    public void LrLambda_RunsEveryGridCell_ThenASecondRunTrainsNothingAndPrintsTheSameRanking()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(Repository.Root, "sweeps", "lr-lambda.yaml");

        var first = SweepProcess.RunIn(folder.Path, "run", file);
        var second = SweepProcess.RunIn(folder.Path, "run", file);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        using var store = ResultsStore.Open(folder.ResultsPath);
        var rows = store.TrialRows("lr-lambda");
        Assert.Equal(16, rows.Count);
        Assert.All(rows, row => Assert.Equal(TrialStatus.Completed, row.Status));
        Assert.All(rows, row => Assert.Equal(5, store.Epochs(row.Hash).Count));
        Assert.All(rows, row => Assert.Equal(1, row.Attempt));
        Assert.StartsWith("sweep lr-lambda: ranked by", first.Stdout); // stdout holds the report and nothing else
        Assert.Contains("ranking", first.Stdout);
        Assert.Contains("started", first.Stderr);
        Assert.DoesNotContain("started", second.Stderr);
        Assert.Equal(Report(first.Stdout), Report(second.Stdout));
    }

    [Fact]
    public void SigInt_MarksRunningTrialsInterrupted_AndTheNextRunCompletesWithOneResultPerTrial()
    {
        using var folder = new TempFolder();
        var file = folder.Write("interruptible.yaml", InterruptibleSweep);

        using (var run = new RunningSweep(folder.Path, "run", file))
        {
            run.WaitForError("epoch 1/3", Patience); // progress goes to stderr
            run.Interrupt();
            Assert.Equal(130, run.WaitForExit(Patience));
            Assert.Contains("interrupted", run.Stderr);
        }
        using (var store = ResultsStore.Open(folder.ResultsPath))
        {
            var counts = store.ListSweeps().Single(sweep => sweep.Name == "interruptible").Counts;
            Assert.True(counts.Completed < 6, $"the run was meant to be interrupted in the middle: {counts}");
            Assert.True(counts.Interrupted >= 1, $"running trials are marked interrupted: {counts}");
            Assert.Equal(0, counts.Running);
        }

        var rerun = AssertCompletesWithOneResultPerTrial(folder, file);
        // An interrupted trial runs again as its second attempt, and the progress says so.
        Assert.Contains("(attempt 2)", rerun.Stderr);
    }

    [Fact]
    public void SigKill_LosesOnlyTheRunningTrials_AndTheNextRunCompletesWithOneResultPerTrial()
    {
        using var folder = new TempFolder();
        var file = folder.Write("interruptible.yaml", InterruptibleSweep);

        using (var run = new RunningSweep(folder.Path, "run", file))
        {
            run.WaitForError("epoch 1/3", Patience); // progress goes to stderr
            run.Kill();
            run.WaitForExit(Patience);
        }
        HashSet<string> finishedBeforeKill;
        using (var store = ResultsStore.Open(folder.ResultsPath))
        {
            var rows = store.TrialRows("interruptible");
            Assert.Contains(rows, row => row.Status == TrialStatus.Running); // what a SIGKILL leaves behind
            finishedBeforeKill = rows.Where(row => row.Status == TrialStatus.Completed).Select(row => row.Hash).ToHashSet();
        }

        AssertCompletesWithOneResultPerTrial(folder, file);
        using var after = ResultsStore.Open(folder.ResultsPath);
        // Trials finished before the kill are not trained again.
        Assert.All(after.TrialRows("interruptible").Where(row => finishedBeforeKill.Contains(row.Hash)), row => Assert.Equal(1, row.Attempt));
    }

    [Fact]
    public void DivergingTrial_IsRecordedAsDiverged_AndTheSweepGoesOn()
    {
        using var folder = new TempFolder();
        var file = folder.Write("diverge.yaml", """
            name: diverge
            parameters:
              lr: {values: [1e6, 0.1]}
              hidden: {value: [64]}
              init: {value: he}
              epochs: {value: 1}
            """);

        var result = SweepProcess.RunIn(folder.Path, "run", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var store = ResultsStore.Open(folder.ResultsPath);
        var rows = store.TrialRows("diverge");
        var diverged = Assert.Single(rows, row => row.Config.LearningRate == 1e6);
        Assert.Equal(TrialStatus.Diverged, diverged.Status);
        Assert.Contains("loss became", diverged.Error);
        Assert.Equal(TrialStatus.Completed, Assert.Single(rows, row => row.Config.LearningRate == 0.1).Status);
        Assert.Contains("diverged 1", result.Stdout);
    }

    [Fact]
    public void DivergedTrial_RunsAgainOnlyWithRetryFailed()
    {
        using var folder = new TempFolder();
        var file = folder.Write("diverge.yaml", "name: diverge\nparameters:\n  lr: {values: [1e6, 0.1]}\n  hidden: {value: [16]}\n  init: {value: he}\n  epochs: {value: 1}\n");
        Assert.Equal(0, SweepProcess.RunIn(folder.Path, "run", file).ExitCode);

        var plain = SweepProcess.RunIn(folder.Path, "run", file);
        int AttemptOfDiverged()
        {
            using var store = ResultsStore.Open(folder.ResultsPath);
            return store.TrialRows("diverge").Single(row => row.Status == TrialStatus.Diverged).Attempt;
        }
        var afterPlainRun = AttemptOfDiverged();
        // The dry run tells the same story: both trials have a result, unless --retry-failed will train the diverged one.
        var dryRun = SweepProcess.RunIn(folder.Path, "run", file, "--dry-run");
        var dryRunRetrying = SweepProcess.RunIn(folder.Path, "run", file, "--dry-run", "--retry-failed");
        var retry = SweepProcess.RunIn(folder.Path, "run", file, "--retry-failed");

        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(1, afterPlainRun);
        Assert.Contains(dryRun.StdoutLines, line => line.EndsWith("  diverged", StringComparison.Ordinal));
        Assert.Contains("2 of them have a result already", dryRun.Stdout);
        Assert.DoesNotContain(dryRunRetrying.StdoutLines, line => line.EndsWith("  diverged", StringComparison.Ordinal));
        Assert.Contains("1 of them has a result already", dryRunRetrying.Stdout);
        Assert.Equal(0, retry.ExitCode);
        Assert.Equal(2, AttemptOfDiverged());
    }

    [Fact]
    public void BadSweepFile_LeavesAnExistingResultsFileByteForByteUnchanged()
    {
        using var folder = new TempFolder();
        var good = folder.Write("good.yaml", "name: good\nparameters:\n  lr: {value: 0.5}\n  epochs: {value: 1}\n");
        var bad = folder.Write("bad.yaml", "name: bad\nparameters:\n  lr: {values: [0.5, -1]}\n  epochs: {value: 1}\n");
        Assert.Equal(0, SweepProcess.RunIn(folder.Path, "run", good).ExitCode);
        var before = File.ReadAllBytes(folder.ResultsPath);

        var result = SweepProcess.RunIn(folder.Path, "run", bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{bad}:3:", result.Stderr);
        Assert.Equal(before, File.ReadAllBytes(folder.ResultsPath));
    }

    internal static SweepResult AssertCompletesWithOneResultPerTrial(TempFolder folder, string file, string sweep = "interruptible", int trials = 6, int epochs = 3)
    {
        var rerun = SweepProcess.RunIn(folder.Path, "run", file);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        using var store = ResultsStore.Open(folder.ResultsPath);
        var rows = store.TrialRows(sweep);
        Assert.Equal(trials, rows.Count);
        Assert.Equal(trials, rows.Select(row => row.Hash).Distinct().Count());
        Assert.All(rows, row => Assert.Equal(TrialStatus.Completed, row.Status));
        Assert.All(rows, row => Assert.Equal(Enumerable.Range(1, epochs), store.Epochs(row.Hash).Select(epoch => epoch.Epoch)));
        return rerun;
    }

    /// <summary>The report printed at the end of a run: everything from its first line on.</summary>
    private static string Report(string stdout) => stdout[stdout.IndexOf("sweep lr-lambda: ranked by", StringComparison.Ordinal)..];
}
