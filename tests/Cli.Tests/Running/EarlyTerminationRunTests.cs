using Microsoft.Data.Sqlite;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Running;

/// <summary>`sweep run` with `early_terminate` end to end: real processes, real MNIST, a real SQLite file.</summary>
public sealed class EarlyTerminationRunTests
{
    /// <summary>Learning rates from good to poor, one worker: later trials meet better ones at epoch 1.</summary>
    private const string Sweep = """
        name: asha
        early_terminate: {type: asha, min_iter: 1, eta: 3}
        parameters:
          lr:     {values: [0.5, 0.2, 0.05, 0.01, 0.003, 0.001]}
          hidden: {value: []}
          epochs: {value: 3}
        """;

    [Fact]
    public void TrialsOutsideTheTopThirdAtARung_EndPruned_WithTheirEpochsAndTheDecision_NoCheckpointLeft_AndARerunTrainsNothing()
    {
        using var folder = new TempFolder();
        var file = folder.Write("asha.yaml", Sweep);

        var first = SweepProcess.RunIn(folder.Path, "run", file, "--workers", "1");
        var second = SweepProcess.RunIn(folder.Path, "run", file);

        Assert.True(first.ExitCode == 0, first.ToString());
        using (var store = ResultsStore.Open(folder.ResultsPath))
        {
            var rows = store.TrialRows("asha");
            Assert.Equal(TrialStatus.Completed, rows[0].Status); // the first trial at a rung is the best of one
            var pruned = rows.Where(row => row.Status == TrialStatus.Pruned).ToList();
            Assert.NotEmpty(pruned);
            Assert.All(pruned, row => Assert.Equal(row.EpochsDone, store.Epochs(row.Hash).Count));
            Assert.All(pruned, row => Assert.StartsWith($"pruned at epoch {row.EpochsDone}: val_acc ", row.Error));
            Assert.All(rows, row => Assert.True(row.Status is TrialStatus.Completed or TrialStatus.Pruned, row.Status.Name()));
            Assert.Contains($"pruned {pruned.Count}", first.Stdout);
        }
        using (var connection = new SqliteConnection($"Data Source={folder.ResultsPath};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM decisions WHERE sweep = 'asha' AND decision = 'prune'";
            Assert.True((long)command.ExecuteScalar()! > 0);
        }
        var checkpoints = FolderCheckpointStore.BesideResults(folder.ResultsPath).Folder;
        Assert.True(!Directory.Exists(checkpoints) || Directory.GetFiles(checkpoints).Length == 0, "a pruned or finished trial left its checkpoint");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("started", second.Stderr);
        Assert.Equal(first.Stdout, second.Stdout);
    }
}
