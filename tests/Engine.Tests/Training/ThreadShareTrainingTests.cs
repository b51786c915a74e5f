using Sweep.Engine.Model;
using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

/// <summary>A trial whose share of the cores changes between batches (work-conserving sweeps) ends bit-identical.</summary>
public sealed class ThreadShareTrainingTests
{
    [Theory]
    [InlineData("fc")]
    [InlineData("conv")]
    public void AShareThatChangesEveryBatch_GivesTheSameBitsAsOneThreadThroughout(string net)
    {
        // fc: wide enough that the GEMMs do split across threads (at least a million multiply-adds per thread). conv: the
        // share starts at 1, so the convolutions' per-thread scratch must grow when it rises (their batches span chunks).
        var (data, options) = net == "fc"
            ? (SyntheticData.Splits(SyntheticData.Random(600, 784, 10, seed: 3)),
                new TrainingOptions { Hidden = [300], LearningRate = 0.1, BatchSize = 100, Epochs = 2, Momentum = 0.9 })
            : (SyntheticData.Splits(ConvTrainingTests.Images(300, seed: 4), ConvTrainingTests.Images(100, seed: 5)),
                new TrainingOptions { Layers = LayerSpec.ParseList("conv3x3:8,pool2,fc:16"), Init = WeightInit.He, LearningRate = 0.05, Epochs = 2 });
        var share = new ThreadShare(1);
        var seen = new HashSet<int>();

        var fixedOne = Trainer.Train(data, options);
        // With fewer batches per epoch than progress reports, onProgress comes after every batch.
        var changing = Trainer.Train(data, options, onProgress: _ =>
        {
            seen.Add(share.Threads);
            share.Threads = share.Threads % 3 + 1;
        }, threads: share);

        Assert.Equal([1, 2, 3], seen.Order());
        Assert.Equal(fixedOne.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAcc)), changing.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAcc)));
        Assert.Equal(fixedOne.TestLoss, changing.TestLoss);
        for (var l = 0; l < fixedOne.Network.Layers.Count; l++)
            Assert.Equal(fixedOne.Network.Layers[l].Weights, changing.Network.Layers[l].Weights);
    }
}
