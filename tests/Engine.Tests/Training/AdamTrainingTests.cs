using Sweep.Engine.Data;
using Sweep.Engine.Model;
using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

/// <summary>
/// Adam and AdamW on the full real MNIST (50,000 training images): 784-100-10 at lr 1e-3 reaches a sane accuracy in
/// two epochs, as Adam's default rate does in any framework; and the runs are bit-identical for 1 and 2 threads.
/// </summary>
public sealed class AdamTrainingTests
{
    private static readonly Lazy<DataSplits> Mnist = new(() => DatasetCatalog.Load("mnist", TestData.DataRoot));

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    public void TwoEpochsAtRate1eMinus3_Train784_100_10_Above95Percent_IdenticallyOnOneAndTwoThreads(OptimizerKind kind)
    {
        var options = new TrainingOptions
        {
            Hidden = [100], Epochs = 2, LearningRate = 1e-3, Optimizer = kind, Init = WeightInit.He,
            Lambda = kind == OptimizerKind.AdamW ? 1e-2 : 1e-4,
        };

        var oneThread = Trainer.Train(Mnist.Value, options);
        var twoThreads = Trainer.Train(Mnist.Value, options with { Threads = 2 });

        Assert.Equal(TrainingStatus.Completed, oneThread.Status);
        Assert.True(oneThread.TestAcc > 0.95, $"{kind}: test accuracy {oneThread.TestAcc:P2} after 2 epochs");
        Assert.Equal(BitConverter.DoubleToInt64Bits(oneThread.TestLoss), BitConverter.DoubleToInt64Bits(twoThreads.TestLoss));
        for (var l = 0; l < oneThread.Network.Layers.Count; l++)
            Assert.Equal(oneThread.Network.Layers[l].Weights, twoThreads.Network.Layers[l].Weights);
    }
}
