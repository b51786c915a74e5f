using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Running;

/// <summary>
/// The disk of the results file fills up while a sweep trains (a real tmpfs, filled by the test): the run ends with a
/// line naming the file and exit 1 instead of hanging, keeps every stored result, and once space is freed the same
/// command finishes the sweep without training a finished trial again.
/// </summary>
public sealed class DiskFullRunTests : IDisposable
{
    /// <summary>A guard against a hang only; the run is expected to end within seconds of the disk filling.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>One trial at a time, so one has finished and the next is training when the disk fills.</summary>
    private const string ThreeTrials = """
        name: disk
        parameters:
          lr: {values: [0.1, 0.2, 0.3]}
          hidden: {value: [100]}
          epochs: {value: 3}
        """;

    private readonly TempFolder folder = new();
    private readonly Tmpfs? disk = Tmpfs.WhyUnavailable is null ? new Tmpfs("4m") : null;

    public void Dispose()
    {
        disk?.Dispose();
        folder.Dispose();
    }

    [TmpfsFact]
    public void DiskFullMidRun_EndsTheRunNamingTheFile_KeepsStoredResults_AndARerunAfterFreeingSpaceFinishes()
    {
        var file = folder.Write("disk.yaml", ThreeTrials);
        var results = Path.Combine(disk!.Path, "results.db");
        string filler;
        using (var run = new RunningSweep(folder.Path, "run", file, "--workers", "1", "--results", results))
        {
            run.WaitForError("disk: 1/3 done", Patience);
            filler = disk.Fill();

            Assert.Equal(1, run.WaitForExit(Patience));
            var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), ErrorLine); // progress lines go to stderr too
            Assert.Equal($"sweep: {results}: cannot be written: the disk is full; free space on its filesystem and run the same command again once it is fixed; stored results are kept", line);
        }
        HashSet<string> finishedBefore;
        using (var store = ResultsStore.Open(results))
        {
            var rows = store.TrialRows("disk");
            var finished = Assert.Single(rows, row => row.Status == TrialStatus.Completed);
            Assert.Equal([1, 2, 3], store.Epochs(finished.Hash).Select(epoch => epoch.Epoch));
            Assert.DoesNotContain(rows, row => row.Status is TrialStatus.Failed or TrialStatus.Diverged);
            finishedBefore = [finished.Hash];
        }

        File.Delete(filler);
        var rerun = SweepProcess.RunIn(folder.Path, "run", file, "--workers", "1", "--results", results);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        using var after = ResultsStore.Open(results);
        var all = after.TrialRows("disk");
        Assert.Equal(3, all.Count);
        Assert.All(all, row => Assert.Equal(TrialStatus.Completed, row.Status));
        Assert.All(all, row => Assert.Equal([1, 2, 3], after.Epochs(row.Hash).Select(epoch => epoch.Epoch)));
        Assert.All(all.Where(row => finishedBefore.Contains(row.Hash)), row => Assert.Equal(1, row.Attempt));
    }

    /// <summary>The run's error lines, not its progress ("[00:12] epoch …") or header ("sweep NAME: 3 trials…").</summary>
    private static bool ErrorLine(string line) => line.StartsWith("sweep: ", StringComparison.Ordinal);
}
