using Sweep.Coordinator.Running;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.Running;

/// <summary>
/// The end of a keep_models run on a real results file and real folders (a second folder stands in for the queue's
/// model table, which has the same contract): the best N end in the folder, copied from the queue when a remote worker
/// saved them there; the others are deleted from both, unless another sweep that keeps models has the trial.
/// </summary>
public sealed class ModelPruningTests : IDisposable
{
    private readonly TempResultsFile file = new();
    private readonly TempFolder remoteFolder = new();

    public void Dispose()
    {
        file.Dispose();
        remoteFolder.Dispose();
    }

    [Fact]
    public void Apply_KeepsTheBestN_InTheFolder_CopiedFromTheQueue_AndDeletesTheRest_ButNotAnotherKeepingSweepsTrials()
    {
        using var store = file.Open();
        var trials = Fixtures.Grid(0.1, 0.3, 0.2, 0.05); // val_acc 0.1, 0.3, 0.2, 0.05 below
        var keep = Sweep("keep", keepModels: 2);
        store.SyncSweep(keep, trials);
        store.SyncSweep(Sweep("other", keepModels: 1), [trials[3]]);
        store.SyncSweep(Sweep("plain", keepModels: 0), [trials[0]]);
        foreach (var trial in trials)
        {
            var claim = store.TryClaim(trial.Hash, "worker-1")!;
            store.RecordOutcome(claim, Fixtures.Completed(valAcc: TrialConfig.FromCanonicalJson(trial.ConfigJson).LearningRate));
        }
        var folder = FolderCheckpointStore.ModelsBesideResults(file.Path);
        var remote = new FolderCheckpointStore(remoteFolder.Path, ".model", "model");
        folder.Save(trials[2].Hash, [2]); // saved by a local worker
        foreach (var (trial, index) in trials.Select((trial, index) => (trial, index)).Where(pair => pair.index != 2))
            remote.Save(trial.Hash, [(byte)index]); // saved by remote workers

        var kept = ModelPruning.Apply(store, keep, 2, folder, remote);

        Assert.Equal(2, kept);
        Assert.Equal([1], folder.Load(trials[1].Hash)); // best: copied from the queue
        Assert.Equal([2], folder.Load(trials[2].Hash)); // second: already here
        Assert.Null(folder.Load(trials[0].Hash));
        Assert.Null(remote.Load(trials[0].Hash)); // also in "plain", which keeps no models
        Assert.Null(remote.Load(trials[1].Hash));
        Assert.Equal([3], remote.Load(trials[3].Hash)); // "other" keeps models and has it: its own run decides
    }

    private static SweepRecord Sweep(string name, int keepModels) =>
        new(name, null, "grid", "val_acc", "maximize", $$"""{"name":"{{name}}","keep_models":{{keepModels}}}""");
}
