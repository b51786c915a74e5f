using Sweep.Engine.Data;
using Sweep.Engine.Model;
using Sweep.Engine.Randomness;
using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

/// <summary>
/// Conv nets train like the rest: bit-identical for any thread count (the batches span several im2col chunks, so the
/// threads really split them), they learn real MNIST, and a saved conv model evaluates to the same bits.
/// </summary>
public sealed class ConvTrainingTests
{
    private static readonly IReadOnlyList<LayerSpec> SmallNet = LayerSpec.ParseList("conv3x3:8,pool2,conv3x3:8,pool2,fc:16");

    [Fact]
    public void AConvRun_GivesBitIdenticalMetricsAndWeights_At1_2And3Threads()
    {
        var data = SyntheticData.Splits(Images(300, seed: 4), Images(100, seed: 5));
        var options = new TrainingOptions { Layers = SmallNet, Init = WeightInit.He, LearningRate = 0.05, Momentum = 0.9, Dropout = 0.2, Epochs = 2 };
        var stages = NetworkStage.Plan(new ImageShape(28, 28, 1), SmallNet, 10);
        Assert.True(ConvolutionPass.ChunkImages(stages[0], 100) < 100 && ConvolutionPass.ChunkImages(stages[2], 100) < 100, "batches must span several chunks");

        var runs = new[] { 1, 2, 3 }.Select(threads => Trainer.Train(data, options with { Threads = threads })).ToArray();

        Assert.All(runs, run => Assert.Equal(TrainingStatus.Completed, run.Status));
        foreach (var run in runs.Skip(1))
        {
            Assert.Equal(Bits(runs[0].Epochs.SelectMany(e => new[] { e.TrainLoss, e.ValLoss, e.ValAcc })), Bits(run.Epochs.SelectMany(e => new[] { e.TrainLoss, e.ValLoss, e.ValAcc })));
            for (var l = 0; l < run.Network.Layers.Count; l++)
            {
                Assert.Equal(FloatBits(runs[0].Network.Layers[l].Weights), FloatBits(run.Network.Layers[l].Weights));
                Assert.Equal(FloatBits(runs[0].Network.Layers[l].Biases), FloatBits(run.Network.Layers[l].Biases));
            }
        }
    }

    [Fact]
    public void TheReferenceConvNet_Learns5000MnistImagesInOneEpoch_AndItsSavedModelEvaluatesToTheSameBits()
    {
        var full = DatasetCatalog.Load("mnist", TestData.DataRoot);
        var data = new DataSplits(full.Name, full.Train.Slice(0, 5_000), full.Validation.Slice(0, 500), full.Test.Slice(0, 1_000), full.Checksum);
        var options = new TrainingOptions
        {
            Layers = LayerSpec.ParseList("conv5x5:16,pool2,conv5x5:32,pool2,fc:128"), Init = WeightInit.He, LearningRate = 0.05,
            Momentum = 0.9, Epochs = 1, Threads = 2,
        };

        var result = Trainer.Train(data, options);

        Assert.Equal(TrainingStatus.Completed, result.Status);
        // Measured: 89.95 % (one epoch at lr 0.05 cooling down to 0; the net reaches 99.3 % in 10 epochs of 50,000).
        Assert.True(result.TestAcc >= 0.85, $"test accuracy {result.TestAcc} after one epoch of 5,000 images");
        using var folder = new TempFolder();
        ModelFile.Save(folder.File("conv.bin"), result.Network, "conv");
        var (loaded, _) = ModelFile.Load(folder.File("conv.bin"));
        Assert.Equal(LayerSpec.Format(options.Layers), LayerSpec.Format(loaded.Hidden));
        Assert.Equal(new ImageShape(28, 28, 1), loaded.InputShape);
        var again = Evaluator.Evaluate(loaded, data.Test, threads: 1);
        Assert.Equal(BitConverter.DoubleToInt64Bits(result.TestLoss), BitConverter.DoubleToInt64Bits(again.Loss));
        Assert.Equal(result.TestAcc, again.Accuracy);
    }

    /// <summary>Random 28×28 single-channel images with random labels: enough to exercise every buffer.</summary>
    internal static Dataset Images(int count, ulong seed)
    {
        var flat = SyntheticData.Random(count, 784, 10, seed);
        return new Dataset(flat.Images, flat.Labels, 784, 10, shape: new ImageShape(28, 28, 1));
    }

    private static long[] Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static int[] FloatBits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
