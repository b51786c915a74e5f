using Sweep.Engine.Data;
using Sweep.Engine.Training;
using Sweep.Testing;

namespace Sweep.Trials.Tests;

/// <summary>
/// The trial runner with a real checkpoint folder on real MNIST: a stopped attempt leaves its last checkpoint, the next
/// attempt resumes from it, reports every epoch and ends as an uninterrupted attempt would, and the checkpoint is gone
/// once the trial ended; an unusable checkpoint is said, dropped, and the trial trains from epoch 1.
/// </summary>
public sealed class EngineTrialRunnerCheckpointTests : IDisposable
{
    private static readonly TrialConfig Config = new() { Hidden = [32], Epochs = 3 };
    private static readonly string Hash = Config.Hash(MnistFiles.ExpectedChecksum);
    private readonly TempFolder _temp = new();
    private readonly FolderCheckpointStore _checkpoints;
    private readonly List<string> _notices = [];

    public EngineTrialRunnerCheckpointTests() => _checkpoints = FolderCheckpointStore.BesideResults(_temp.ResultsPath);

    public void Dispose() => _temp.Dispose();

    private EngineTrialRunner Runner() => new(MnistData.Root, CoreShares.Fixed(1), checkpoints: _checkpoints, notice: _notices.Add);

    [Fact]
    public void AnAttemptStoppedInEpoch2_IsResumedFromEpoch1_AndEndsAsAnUninterruptedAttempt_ThenTheCheckpointIsGone()
    {
        var uninterrupted = new EngineTrialRunner(MnistData.Root, CoreShares.Fixed(1)).Run(Hash, Config, _ => { }, CancellationToken.None);
        using (var stop = new CancellationTokenSource())
        {
            // Stopped as epoch 2 is reported: its checkpoint is not saved any more, epoch 1's stays.
            var stopped = Runner().Run(Hash, Config, epoch => { if (epoch.Epoch == 2) stop.Cancel(); }, stop.Token);
            Assert.Equal(TrialStatus.Interrupted, stopped.Status);
        }
        Assert.Equal(1, TrainingCheckpoint.FromBytes(_checkpoints.Load(Hash)).Epoch);

        var reported = new List<EpochMetrics>();
        var resumed = Runner().Run(Hash, Config, reported.Add, CancellationToken.None);

        Assert.Equal([$"trial {TrialHashText.Short(Hash)}: resumed from epoch 1 of 3 (its checkpoint)"], _notices);
        Assert.Equal(TrialStatus.Completed, resumed.Status);
        Assert.Equal([1, 2, 3], reported.Select(epoch => epoch.Epoch));
        Assert.Equal(Bits(uninterrupted), Bits(resumed));
        Assert.Null(_checkpoints.Load(Hash));
    }

    [Fact]
    public void ACorruptCheckpoint_IsSaidAndDropped_AndTheTrialTrainsFromEpoch1()
    {
        _checkpoints.Save(Hash, "SWEEPCK\0 not really a checkpoint, and no checksum either"u8.ToArray());
        var reported = new List<EpochMetrics>();

        var outcome = Runner().Run(Hash, Config, reported.Add, CancellationToken.None);

        Assert.Equal(TrialStatus.Completed, outcome.Status);
        Assert.Equal([1, 2, 3], reported.Select(epoch => epoch.Epoch));
        var notice = Assert.Single(_notices);
        Assert.Contains("checkpoint not used (not a usable checkpoint:", notice);
        Assert.EndsWith("training from epoch 1", notice);
        Assert.Null(_checkpoints.Load(Hash));
    }

    [Fact]
    public void ACheckpointOfAnotherTrialsOptions_UnderThisHash_IsNotResumed()
    {
        var other = Config.With(HyperParameters.LearningRate, 0.3);
        using (var stop = new CancellationTokenSource())
        {
            new EngineTrialRunner(MnistData.Root, CoreShares.Fixed(1), checkpoints: _checkpoints).Run(other.Hash(MnistFiles.ExpectedChecksum), other,
                epoch => { if (epoch.Epoch == 2) stop.Cancel(); }, stop.Token);
        }
        var otherFile = Directory.GetFiles(_checkpoints.Folder).Single();
        File.Move(otherFile, Path.Combine(_checkpoints.Folder, Hash + FolderCheckpointStore.Extension));

        var outcome = Runner().Run(Hash, Config, _ => { }, CancellationToken.None);

        Assert.Equal(TrialStatus.Completed, outcome.Status);
        Assert.Contains("it was taken for other options or data", Assert.Single(_notices));
    }

    [Fact]
    public void AnExceptionOfTheTrial_DeletesTheCheckpoint_ButAStoreFailureKeepsIt()
    {
        // Epoch 2 is reported after epoch 1's checkpoint was saved: both failures find one to keep or delete.
        Assert.Throws<TrialStoreException>(() => Runner().Run(Hash, Config, Fail(2, new TrialStoreException("disk full")), CancellationToken.None));
        Assert.NotNull(_checkpoints.Load(Hash));

        Assert.Throws<InvalidOperationException>(() => Runner().Run(Hash, Config, Fail(3, new InvalidOperationException("a bug")), CancellationToken.None));
        Assert.Null(_checkpoints.Load(Hash));
    }

    private static Action<EpochMetrics> Fail(int epoch, Exception error) => metrics =>
    {
        if (metrics.Epoch == epoch) throw error;
    };

    private static long[] Bits(TrialOutcome outcome) =>
        [.. new[] { outcome.TrainLoss, outcome.ValLoss, outcome.ValAcc, outcome.TestLoss, outcome.TestAcc }.Select(BitConverter.DoubleToInt64Bits)];
}
