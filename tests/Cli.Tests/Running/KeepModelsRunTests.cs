using System.Globalization;
using Sweep.Engine.Data;
using Sweep.Engine.Model;
using Sweep.Engine.Training;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Running;

/// <summary>
/// keep_models and `sweep export-model` end to end: real processes, real MNIST, a real SQLite file and model folder.
/// One run trains the sweep; the other sweeps share its trials, so they train nothing and only rank and prune.
/// </summary>
public sealed class KeepModelsRunTests
{
    /// <summary>Four softmax trials of one epoch, learning rates from good to poor: distinct val_acc.</summary>
    private const string Sweep = """
        name: keep
        keep_models: 2
        parameters:
          lr:     {values: [0.5, 0.1, 0.02, 0.005]}
          hidden: {value: []}
          epochs: {value: 1}
        """;

    [Fact]
    public void ARun_KeepsTheBestTwoModels_ExportModelWritesTheBest_WhichEvalScoresAtItsStoredTestAcc_AndRefusesWhatIsNotKept()
    {
        using var folder = new TempFolder();
        var file = folder.Write("keep.yaml", Sweep);
        var models = FolderCheckpointStore.ModelsBesideResults(folder.ResultsPath).Folder;
        var exported = Path.Combine(folder.Path, "best.bin");

        var run = SweepProcess.RunIn(folder.Path, "run", file);
        var export = SweepProcess.RunIn(folder.Path, "export-model", "keep", "--rank", "1", "-o", exported);
        var eval = SweepProcess.RunIn(folder.Path, "eval", exported);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("models of the best 2 trials kept in", run.Stderr);
        List<TrialRow> rows;
        using (var store = ResultsStore.Open(folder.ResultsPath)) rows = store.TrialRows("keep").ToList();
        Assert.All(rows, row => Assert.Equal(TrialStatus.Completed, row.Status));
        var best = rows.OrderByDescending(row => row.ValAcc).ThenBy(row => row.Position).ToList();
        Assert.Equal(best.Take(2).Select(row => row.Hash + ".model").Order(), Directory.GetFiles(models).Select(Path.GetFileName).Order());

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains($"rank 1, trial {best[0].Hash[..10]}", export.Stdout);
        Assert.True(eval.ExitCode == 0, eval.ToString());
        var testAcc = best[0].TestAcc!.Value;
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"test_acc {testAcc * 100:F2}%"), eval.Stdout);
        var (network, _) = ModelFile.Load(exported);
        var scored = Evaluator.Evaluate(network, DatasetCatalog.Load("mnist", MnistData.Root).Test).Accuracy;
        Assert.Equal(testAcc, scored, 1e-9);

        AssertRefused(folder, "not among the best 2 kept (sweep keep has keep_models: 2)", "export-model", "keep", "--rank", "3", "-o", "third.bin");
        AssertRefused(folder, "--rank 5: sweep keep has 4 completed trials", "export-model", "keep", "--rank", "5", "-o", "fifth.bin");
        AssertRefused(folder, "no sweep named 'kep' (did you mean 'keep'?)", "export-model", "kep", "-o", "typo.bin");
        AssertRefused(folder, "--rank must be >= 1 (got 0)", "export-model", "keep", "--rank", "0", "-o", "zero.bin");
        AssertRefused(folder, "missing -o FILE", "export-model", "keep");
        AssertRefused(folder, "the folder", "export-model", "keep", "-o", Path.Combine(folder.Path, "no-such-folder", "m.bin"));

        // A sweep of the best trial alone without keep_models trains nothing, keeps nothing and deletes nothing.
        var plain = folder.Write("plain.yaml", Sweep.Replace("name: keep\nkeep_models: 2", "name: plain").Replace("[0.5, 0.1, 0.02, 0.005]", "[0.5]"));
        var plainRun = SweepProcess.RunIn(folder.Path, "run", plain);
        Assert.True(plainRun.ExitCode == 0, plainRun.ToString());
        AssertRefused(folder, "sweep plain keeps no models (keep_models was 0)", "export-model", "plain", "-o", "plain.bin");

        // A sweep keeping one of two shared trials prunes the other's model only if no other keeping sweep has it: here keep does.
        var one = folder.Write("one.yaml", Sweep.Replace("name: keep\nkeep_models: 2", "name: one\nkeep_models: 1").Replace("[0.5, 0.1, 0.02, 0.005]", "[0.5, 0.1]"));
        var oneRun = SweepProcess.RunIn(folder.Path, "run", one);
        Assert.True(oneRun.ExitCode == 0, oneRun.ToString());
        Assert.Equal(2, Directory.GetFiles(models).Length);
        AssertRefused(folder, "not among the best 1 kept", "export-model", "one", "--rank", "2", "-o", "second.bin");
    }

    /// <summary>Exit 2, one line on stderr containing <paramref name="expected"/>, and no file named by -o.</summary>
    private static void AssertRefused(TempFolder folder, string expected, params string[] arguments)
    {
        var before = Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories).Order().ToList();
        var result = SweepProcess.RunIn(folder.Path, arguments);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
        Assert.Equal(before, Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories).Order().ToList());
    }
}
