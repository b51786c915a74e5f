using Sweep.Trials;
using static Sweep.Cli.Tests.Queue.QueueProcesses;

namespace Sweep.Cli.Tests.Queue;

/// <summary>
/// keep_models on a real PostgreSQL queue: a remote `sweep worker` saves each completed trial's model in the queue's
/// database; the coordinator ends by copying the best into results.db.models/ and emptying sweep_queue.model, so
/// `sweep export-model` needs only the results file.
/// </summary>
public sealed class DistributedKeepModelsTests
{
    private const string TwoTrials = """
        name: remote-keep
        keep_models: 1
        parameters:
          lr:     {values: [0.005, 0.5]}
          hidden: {value: []}
          epochs: {value: 1}
        """;

    [Fact]
    public void ARemoteWorkersModels_TheBestIsCopiedBesideTheResults_AndTheQueuesTableIsEmptied()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var file = folder.Write("remote-keep.yaml", TwoTrials);
        using var worker = Worker(folder, database);

        var run = SweepProcess.RunIn(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers");
        var export = SweepProcess.RunIn(folder.Path, "export-model", "remote-keep", "-o", "best.bin");

        Assert.True(run.ExitCode == 0, run.ToString());
        var best = Rows(folder, "remote-keep").Where(row => row.Status == TrialStatus.Completed).MaxBy(row => row.ValAcc)!;
        Assert.EndsWith($":{worker.Pid}", best.Worker, StringComparison.Ordinal); // trained remotely
        var models = FolderCheckpointStore.ModelsBesideResults(folder.ResultsPath).Folder;
        Assert.Equal([best.Hash + FolderCheckpointStore.ModelExtension], Directory.GetFiles(models).Select(Path.GetFileName));
        Assert.Equal(0L, QueueRows(database, "model"));
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(models, best.Hash + FolderCheckpointStore.ModelExtension)), File.ReadAllBytes(Path.Combine(folder.Path, "best.bin")));
    }
}
