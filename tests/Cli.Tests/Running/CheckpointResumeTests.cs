using System.Text.RegularExpressions;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Running;

/// <summary>
/// A `sweep run` SIGKILLed in the middle of a trial resumes it from the trial's last epoch checkpoint on the next run,
/// and the trial ends with exactly the stored metrics of a run that was never killed: real processes, real MNIST. Once
/// with SGD's momentum and once with Adam, whose checkpoint holds its moments and step count.
/// </summary>
public sealed partial class CheckpointResumeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    private const string OneTrial = """
        name: resumable
        parameters:
          hidden: {value: [100]}
          epochs: {value: 8}

        """;

    [Theory]
    [InlineData("  momentum: {value: 0.9}\n")]
    [InlineData("  optimizer: {value: adam}\n  lr: {value: 0.001}\n")]
    public void SigKillAfterTheFirstCheckpoint_ThenRunAgain_ResumesFromIt_AndStoresTheUninterruptedRunsMetrics(string optimizer)
    {
        using var folder = new TempFolder();
        var file = folder.Write("resumable.yaml", OneTrial + optimizer);
        var checkpoints = folder.ResultsPath + ".checkpoints";

        using (var run = new RunningSweep(folder.Path, "run", file, "--workers", "1"))
        {
            // Killed once a checkpoint is on disk, with epochs still to train: a progress line can come late or be
            // skipped (the view prints the newest epoch of each poll), and a short trial could end first.
            run.WaitUntil(() => Directory.Exists(checkpoints) && Directory.GetFiles(checkpoints, "*.ckpt").Length > 0, "writing a checkpoint", Patience);
            run.Kill();
            run.WaitForExit(Patience);
        }
        Assert.Single(Directory.GetFiles(checkpoints, "*.ckpt")); // what the killed run left for the next one

        var resumed = SweepProcess.RunIn(folder.Path, "run", file, "--workers", "1");
        var uninterruptedResults = Path.Combine(folder.Path, "uninterrupted.db");
        var uninterrupted = SweepProcess.RunIn(folder.Path, "run", file, "--workers", "1", "--results", uninterruptedResults);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.ToString());
        var from = int.Parse(ResumedFrom().Match(resumed.Stderr) is { Success: true } match ? match.Groups[1].Value : "0");
        Assert.True(from is >= 1 and <= 7, $"the rerun resumes from a checkpoint of epoch 1..7 (the kill came after the first checkpoint, before the last epoch):\n{resumed.Stderr}");
        Assert.DoesNotContain("resumed", uninterrupted.Stderr);
        Assert.Empty(Directory.GetFiles(checkpoints)); // deleted once the trial completed
        Assert.False(Directory.Exists(uninterruptedResults + ".checkpoints") && Directory.GetFiles(uninterruptedResults + ".checkpoints").Length > 0);

        using var resumedStore = ResultsStore.Open(folder.ResultsPath);
        using var uninterruptedStore = ResultsStore.Open(uninterruptedResults);
        var resumedRow = resumedStore.TrialRows("resumable").Single();
        var uninterruptedRow = uninterruptedStore.TrialRows("resumable").Single();
        Assert.Equal(TrialStatus.Completed, resumedRow.Status);
        Assert.Equal(2, resumedRow.Attempt);
        Assert.Equal(Bits(uninterruptedRow), Bits(resumedRow));
        // The resumed attempt reports the epochs it did not train again, so the trial's epochs are complete and equal.
        Assert.Equal(EpochBits(uninterruptedStore.Epochs(uninterruptedRow.Hash)), EpochBits(resumedStore.Epochs(resumedRow.Hash)));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], resumedStore.Epochs(resumedRow.Hash).Select(epoch => epoch.Epoch));
    }

    private static long?[] Bits(TrialRow row) =>
        [.. new[] { row.TrainLoss, row.ValLoss, row.ValAcc, row.TestLoss, row.TestAcc }.Select(value => value is { } v ? BitConverter.DoubleToInt64Bits(v) : (long?)null)];

    private static IEnumerable<(int, long, long, long)> EpochBits(IEnumerable<Sweep.Engine.Training.EpochMetrics> epochs) => epochs.Select(epoch =>
        (epoch.Epoch, BitConverter.DoubleToInt64Bits(epoch.TrainLoss), BitConverter.DoubleToInt64Bits(epoch.ValLoss), BitConverter.DoubleToInt64Bits(epoch.ValAcc)));

    [GeneratedRegex(@"resumed from epoch (\d) of 8")]
    private static partial Regex ResumedFrom();
}
