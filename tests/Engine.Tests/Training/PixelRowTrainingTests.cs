using Sweep.Engine.Data;
using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

/// <summary>
/// An MLP's first layer reads each shuffled batch straight from the 8-bit dataset instead of a gathered batch of floats:
/// on real MNIST, training that way gives the same bits as training on the floats, on one, two and three threads.
/// </summary>
public class PixelRowTrainingTests
{
    [Fact]
    public void TrainingFromPixelRows_IsBitIdentical_ToTrainingFromGatheredFloats_OnOneTwoAndThreeThreads()
    {
        var mnist = DatasetCatalog.Load(TestData.MnistFolder);
        var train = mnist.Train.Slice(0, 3037); // a short last batch of 37
        Assert.NotNull(train.PixelBytes);
        var floatsOnly = new Dataset(train.Images, train.Labels, train.Features, train.Classes, pixelBytes: null, train.Shape);
        var validation = mnist.Validation.Slice(0, 1000);
        var options = new TrainingOptions { Hidden = [64], LearningRate = 0.1, BatchSize = 100, Epochs = 2, Dropout = 0.2 };

        var fromFloats = Trainer.Train(SyntheticData.Splits(floatsOnly, validation, validation), options);
        foreach (var threads in new[] { 1, 2, 3 })
        {
            var fromBytes = Trainer.Train(SyntheticData.Splits(train, validation, validation), options with { Threads = threads });

            Assert.Equal(fromFloats.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAcc)), fromBytes.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAcc)));
            for (var l = 0; l < fromFloats.Network.Layers.Count; l++)
                Assert.True(fromFloats.Network.Layers[l].Weights.AsSpan().SequenceEqual(fromBytes.Network.Layers[l].Weights), $"layer {l} weights, {threads} threads");
        }
    }
}
