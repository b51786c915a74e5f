using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Running;

/// <summary>
/// `layers` through `sweep run` end to end (real MNIST, a real results file): a sweep of fc-only specs trains the hidden
/// nets, and the same nets written as `hidden` are the same trials, so a second sweep trains nothing; export and the
/// trial_results view show the network as stored (hidden). Conv specs list in a dry run (the Engine trains them later).
/// </summary>
public sealed class LayersRunTests
{
    [Fact]
    public void FullyConnectedSpecs_AreTheHiddenTrials_SoTheHiddenSweepTrainsNothing()
    {
        using var folder = new TempFolder();
        const string common = "  lr: {value: 0.5}\n  epochs: {value: 1}\n";
        var layersFile = folder.Write("layers.yaml", "name: as-layers\nparameters:\n  layers: {values: [[fc:16], [fc:8]]}\n" + common);
        var hiddenFile = folder.Write("hidden.yaml", "name: as-hidden\nparameters:\n  hidden: {values: [[16], [8]]}\n" + common);

        var layers = SweepProcess.RunIn(folder.Path, "run", layersFile, "--workers", "1");
        var hidden = SweepProcess.RunIn(folder.Path, "run", hiddenFile, "--workers", "1");
        var export = SweepProcess.RunIn(folder.Path, "export", "as-layers");

        Assert.True(layers.ExitCode == 0, layers.ToString());
        Assert.True(hidden.ExitCode == 0, hidden.ToString());
        Assert.Contains("started", layers.Stderr);
        Assert.DoesNotContain("started", hidden.Stderr);
        using (var store = ResultsStore.Open(folder.ResultsPath))
        {
            var trained = store.TrialRows("as-layers");
            Assert.Equal(trained.Select(row => row.Hash), store.TrialRows("as-hidden").Select(row => row.Hash));
            Assert.All(trained, row => Assert.Equal(TrialStatus.Completed, row.Status));
        }
        Assert.True(export.ExitCode == 0, export.ToString());
        var rows = CsvReader.ReadRows(export.Stdout);
        Assert.Equal([("16", "none"), ("8", "none")], rows.Select(row => (row["hidden"], row["layers"])));
    }

    [Fact]
    public void DryRun_OfTheShippedConvSweep_ListsEachSpecAsWritten()
    {
        using var folder = new TempFolder();

        var result = SweepProcess.Run("run", Path.Combine(Repository.Root, "sweeps", "conv.yaml"), "--dry-run", "--results", folder.ResultsPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("4 trials", result.StdoutLines[^1]);
        Assert.Contains(result.TrialLines, line => line.Contains("layers=[conv5x5:16,pool2,conv5x5:32,pool2,fc:128] dropout=0.25", StringComparison.Ordinal));
        Assert.Contains(result.TrialLines, line => line.Contains("layers=[conv5x5:32,pool2,conv5x5:64,pool2,fc:500] dropout=0", StringComparison.Ordinal));
    }
}
