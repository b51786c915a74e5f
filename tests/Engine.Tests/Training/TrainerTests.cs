using Sweep.Engine.Data;
using Sweep.Engine.Model;
using Sweep.Engine.Randomness;
using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void InitialLoss_IsAboutLn10_WithTheTutorialsSmallWeights()
    {
        var data = SyntheticData.Random(200, 784, 10, seed: 5);
        var network = Network.Create([784, 500, 10], WeightInit.Gaussian, new Sweep.Engine.Randomness.DeterministicRandom(1));

        var evaluation = Evaluator.Evaluate(network, data);

        Assert.InRange(evaluation.Loss, Math.Log(10) - 0.05, Math.Log(10) + 0.05);
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 64 })]
    public void Training_Overfits20Examples(int[] hidden)
    {
        var data = SyntheticData.Random(20, 30, 10, seed: 9);
        var options = new TrainingOptions { Hidden = hidden, LearningRate = 0.5, Lambda = 0, BatchSize = 5, Epochs = 300, Init = WeightInit.He };

        var result = Trainer.Train(SyntheticData.Splits(data), options);

        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.Equal(1.0, result.ValAcc);
        Assert.True(result.ValLoss < 0.05, $"loss after overfitting is {result.ValLoss}");
    }

    [Fact]
    public void SameOptionsAndSeed_GiveBitIdenticalMetricsAndWeights_ForAnyThreadCount()
    {
        var data = SyntheticData.Random(300, 40, 10, seed: 2);
        var options = new TrainingOptions { Hidden = [33, 17], LearningRate = 0.2, Lambda = 1e-3, BatchSize = 32, Epochs = 3, Momentum = 0.9 };

        var first = Trainer.Train(SyntheticData.Splits(data), options);
        var again = Trainer.Train(SyntheticData.Splits(data), options);
        var twoThreads = Trainer.Train(SyntheticData.Splits(data), options with { Threads = 2 });
        // Dropout 0 must take the very path that existed before dropout did (Trainer builds no mask for it).
        var dropoutZero = Trainer.Train(SyntheticData.Splits(data), options with { Dropout = 0, Threads = 2 });

        foreach (var other in new[] { again, twoThreads, dropoutZero })
        {
            Assert.Equal(first.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAcc)), other.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAcc)));
            Assert.Equal(first.TestLoss, other.TestLoss);
            for (var l = 0; l < first.Network.Layers.Count; l++)
                Assert.Equal(first.Network.Layers[l].Weights, other.Network.Layers[l].Weights);
        }
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    public void ShapesBigEnoughToSplitEveryPass_GiveBitIdenticalTrainingForOneTwoAndThreeThreads(OptimizerKind optimizer)
    {
        // 784 features with a blank border (the input-column compaction), 512 hidden units and batches of 200: every
        // region of a step (gather, products, bias+ReLU, softmax, bias sums, optimiser blocks) splits at 2 and 3 threads.
        var random = new DeterministicRandom(6);
        var images = new float[1000 * 784];
        for (var i = 0; i < images.Length; i++)
            images[i] = i % 784 % 28 < 4 || random.NextDouble() < 0.6 ? 0f : (float)random.NextDouble();
        var labels = Enumerable.Range(0, 1000).Select(_ => (byte)random.NextInt(10)).ToArray();
        var data = SyntheticData.Splits(new Dataset(images, labels, 784, 10));
        var options = new TrainingOptions
        {
            Hidden = [512], Optimizer = optimizer, LearningRate = optimizer == OptimizerKind.Sgd ? 0.1 : 1e-3, Momentum = 0.9,
            BatchSize = 200, Epochs = 2,
        };

        var one = Trainer.Train(data, options);
        foreach (var threads in new[] { 2, 3 })
        {
            var other = Trainer.Train(data, options with { Threads = threads });
            Assert.Equal(one.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAcc)), other.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAcc)));
            for (var l = 0; l < one.Network.Layers.Count; l++)
            {
                Assert.True(one.Network.Layers[l].Weights.AsSpan().SequenceEqual(other.Network.Layers[l].Weights), $"layer {l} weights, threads={threads}");
                Assert.True(one.Network.Layers[l].Biases.AsSpan().SequenceEqual(other.Network.Layers[l].Biases), $"layer {l} biases, threads={threads}");
            }
        }
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentWeights()
    {
        var data = SyntheticData.Random(50, 10, 3, seed: 2);
        var options = new TrainingOptions { Hidden = [8], Epochs = 1 };

        var one = Trainer.Train(SyntheticData.Splits(data), options with { Seed = 1 });
        var two = Trainer.Train(SyntheticData.Splits(data), options with { Seed = 2 });

        Assert.NotEqual(one.Network.Layers[0].Weights, two.Network.Layers[0].Weights);
    }

    [Fact]
    public void HugeLearningRate_EndsAsDiverged_NotAsAnException()
    {
        var data = SyntheticData.Random(100, 20, 10, seed: 4);
        var options = new TrainingOptions { Hidden = [16], LearningRate = 1e30, Epochs = 5, BatchSize = 10, Init = WeightInit.He };

        var result = Trainer.Train(SyntheticData.Splits(data), options);

        Assert.Equal(TrainingStatus.Diverged, result.Status);
        Assert.Contains("loss became", result.Message);
        Assert.True(double.IsNaN(result.TestAcc));
    }

    [Fact]
    public void Cancellation_StopsTraining_WithStatusCancelled_AndKeepsFinishedEpochs()
    {
        var data = SyntheticData.Random(100, 20, 10, seed: 4);
        using var cancellation = new CancellationTokenSource();
        var options = new TrainingOptions { Epochs = 50, BatchSize = 10 };

        var result = Trainer.Train(SyntheticData.Splits(data), options, epoch =>
        {
            if (epoch.Epoch == 2) cancellation.Cancel();
        }, cancellation.Token);

        Assert.Equal(TrainingStatus.Cancelled, result.Status);
        Assert.Equal(2, result.Epochs.Count);
    }

    [Fact]
    public void Progress_IsReportedOncePerEpoch_InOrder()
    {
        var data = SyntheticData.Random(60, 12, 4, seed: 4);
        var seen = new List<int>();

        var result = Trainer.Train(SyntheticData.Splits(data), new TrainingOptions { Epochs = 4, BatchSize = 16 }, epoch => seen.Add(epoch.Epoch));

        Assert.Equal([1, 2, 3, 4], seen);
        Assert.Equal(result.Epochs.Select(e => e.Epoch), seen);
    }

    [Theory]
    [InlineData(0.0, "lr must be > 0")]
    [InlineData(-1.0, "lr must be > 0")]
    public void Options_RejectOutOfRangeLearningRate_NamingTheRuleAndValue(double lr, string rule)
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingOptions { LearningRate = lr }.Validate());
        Assert.Contains(rule, error.Message);
        Assert.Contains(lr.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Options_RejectDropoutOutsideZeroToOne_NamingItAndTheValue(double dropout)
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingOptions { Dropout = dropout }.Validate());

        Assert.Equal($"dropout must be in [0, 1) (got {dropout.ToString(System.Globalization.CultureInfo.InvariantCulture)})", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.999)]
    public void Options_AcceptDropoutInZeroToOne(double dropout)
    {
        new TrainingOptions { Dropout = dropout }.Validate();
    }
}
