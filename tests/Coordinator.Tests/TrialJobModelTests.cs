using Sweep.Coordinator.Tests.Running;
using Sweep.Engine.Model;
using Sweep.Queue;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests;

/// <summary>
/// TrialJob with a model store against the real results file: a completed trial whose plan keeps models leaves its
/// weights as a model file before its outcome is recorded; nothing else leaves one; a store that cannot take the model
/// hands the trial back rather than completing it without.
/// </summary>
public sealed class TrialJobModelTests : IDisposable
{
    private static readonly string KeepModels = new TrialPlan(null, KeepModel: true).ToJson();
    private static readonly Network Weights = new([new DenseLayer(2, 3, [1, 2, 3, 4, 5, 6], [0.5f, -0.5f, 0])]);
    private readonly TempResultsFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public void Run_KeepingModels_SavesTheCompletedTrialsWeights_BeforeItsOutcomeIsRecorded()
    {
        using var store = file.Open();
        var trial = Fixtures.Grid(0.1)[0];
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        var models = new WatchedStore(FolderCheckpointStore.ModelsBesideResults(file.Path), () => Assert.Single(store.TrialRows("lr-lambda")).Status);

        new TrialJob(store, Completing(), "worker-1", models: models).Run(trial.Hash, trial.ConfigJson, CodeFingerprint.Current, KeepModels, CancellationToken.None);

        Assert.Equal([TrialStatus.Running], models.StatusAtSave);
        Assert.Equal(TrialStatus.Completed, Assert.Single(store.TrialRows("lr-lambda")).Status);
        var (network, metadata) = ModelFile.Load(FolderCheckpointStore.ModelsBesideResults(file.Path).PathOf(trial.Hash));
        Assert.Equal(Weights.Layers[0].Weights, network.Layers[0].Weights);
        Assert.Equal(Weights.Layers[0].Biases, network.Layers[0].Biases);
        Assert.Equal(trial.ConfigJson, metadata);
    }

    [Theory]
    [InlineData(false, TrialStatus.Completed)] // the sweep has keep_models: 0
    [InlineData(true, TrialStatus.Failed)]
    [InlineData(true, TrialStatus.Diverged)]
    public void Run_SavesNoModel_WithoutAPlanKeepingModels_OrForATrialThatDidNotComplete(bool keep, TrialStatus status)
    {
        using var store = file.Open();
        var trial = Fixtures.Grid(0.1)[0];
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        var models = FolderCheckpointStore.ModelsBesideResults(file.Path);
        var runner = status == TrialStatus.Completed ? Completing()
            : new ScriptedTrialRunner(_ => status == TrialStatus.Failed ? throw new InvalidOperationException("boom")
                : new TrialOutcome(TrialStatus.Diverged, "loss is NaN", double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 1, 1));

        new TrialJob(store, runner, "worker-1", models: models).Run(trial.Hash, trial.ConfigJson, CodeFingerprint.Current, keep ? KeepModels : null, CancellationToken.None);

        Assert.Equal(status, Assert.Single(store.TrialRows("lr-lambda")).Status);
        Assert.Null(models.Load(trial.Hash));
    }

    [Fact]
    public void Run_WhenTheModelCannotBeSaved_HandsTheTrialBack_WithoutAnOutcome()
    {
        using var store = file.Open();
        var trial = Fixtures.Grid(0.1)[0];
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        var models = new WatchedStore(new FolderCheckpointStore(file.Path, ".model", "model"), () => throw new TrialStoreException("disk full"));

        Assert.Throws<TrialStoreException>(() => new TrialJob(store, Completing(), "worker-1", models: models)
            .Run(trial.Hash, trial.ConfigJson, CodeFingerprint.Current, KeepModels, CancellationToken.None));

        var row = Assert.Single(store.TrialRows("lr-lambda"));
        Assert.Equal((TrialStatus.Pending, null), (row.Status, row.ValAcc));
    }

    private static ScriptedTrialRunner Completing() =>
        new(_ => new TrialOutcome(TrialStatus.Completed, null, 0.25, 0.3, 0.9, 0.31, 0.89, 0.01, 1) { Network = Weights });

    /// <summary>A model store that notes the trial's state (or fails) at each save, then saves.</summary>
    private sealed class WatchedStore(ICheckpointStore inner, Func<TrialStatus> atSave) : ICheckpointStore
    {
        public List<TrialStatus> StatusAtSave { get; } = [];

        public byte[]? Load(string trialHash) => inner.Load(trialHash);

        public void Save(string trialHash, byte[] checkpoint)
        {
            StatusAtSave.Add(atSave());
            inner.Save(trialHash, checkpoint);
        }

        public void Delete(string trialHash) => inner.Delete(trialHash);
    }
}
