using Sweep.Engine.Data;
using Sweep.Engine.Model;
using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

/// <summary>
/// Inverted dropout on real MNIST: training with it still learns, its mask drops about p of the hidden units and
/// scales the rest by 1/(1 − p), it is as deterministic as training without it, and evaluation never applies it.
/// The gradient through a fixed mask is checked in <see cref="Model.GradientCheckTests"/>.
/// </summary>
public sealed class DropoutTests
{
    /// <summary>A slice of real MNIST small enough for a few epochs in a test; the full set is loaded once per process.</summary>
    private static DataSplits Mnist(int train, int heldOut)
    {
        var full = DatasetCatalog.Load("mnist", TestData.DataRoot);
        return new DataSplits(full.Name, full.Train.Slice(0, train), full.Validation.Slice(0, heldOut), full.Test.Slice(0, heldOut), full.Checksum);
    }

    [Fact]
    public void ShortTraining_WithDropout0point2_StillLearns_AndTheMaskKeepsAbout0point8OfTheUnits()
    {
        var data = Mnist(train: 50_000, heldOut: 5_000);
        var options = new TrainingOptions { Hidden = [100], Epochs = 2, Dropout = 0.2, Init = WeightInit.He };

        var result = Trainer.Train(data, options);

        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.True(result.TestAcc >= 0.90, $"test accuracy after 2 epochs with dropout 0.2 is {result.TestAcc}");

        // One batch of the trained network with and without a mask: every unit the ReLU let through is either dropped
        // (exactly 0) or kept and scaled by exactly 1/(1 − p); units the ReLU stopped stay 0.
        const int batch = 500;
        var images = data.Test.Images.AsSpan(0, batch * data.Test.Features);
        var workspace = new NetworkWorkspace(result.Network, batch);
        workspace.Forward(images, batch);
        var plain = workspace.Activations(0, batch).ToArray();
        var mask = new DropoutMask(0.2, options.Seed, epoch: 1, batch: 0);
        workspace.Forward(images, batch, mask);
        var thinned = workspace.Activations(0, batch);
        int active = 0, kept = 0;
        for (var i = 0; i < plain.Length; i++)
        {
            if (plain[i] == 0f)
            {
                Assert.Equal(0f, thinned[i]);
                continue;
            }
            active++;
            if (thinned[i] == 0f) continue;
            kept++;
            Assert.Equal(plain[i] * mask.Scale, thinned[i]);
        }
        Assert.True(active > 10_000, $"only {active} of {plain.Length} hidden units were active");
        Assert.InRange((double)kept / active, 0.78, 0.82);
        Assert.Equal(1.25f, mask.Scale);
    }

    [Fact]
    public void SameSeed_WithDropout0point5_GivesBitIdenticalWeightsAndMetrics_For1And2Threads_AndAnotherSeedDoesNot()
    {
        var data = Mnist(train: 3_000, heldOut: 1_000);
        var options = new TrainingOptions { Hidden = [64, 32], Epochs = 2, BatchSize = 50, Dropout = 0.5, Seed = 7 };

        var one = Trainer.Train(data, options);
        var two = Trainer.Train(data, options with { Threads = 2 });
        var otherSeed = Trainer.Train(data, options with { Seed = 8 });
        var noDropout = Trainer.Train(data, options with { Dropout = 0 });

        Assert.Equal(one.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAcc)), two.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAcc)));
        Assert.Equal((one.TestLoss, one.TestAcc), (two.TestLoss, two.TestAcc));
        for (var l = 0; l < one.Network.Layers.Count; l++)
        {
            Assert.Equal(one.Network.Layers[l].Weights, two.Network.Layers[l].Weights);
            Assert.Equal(one.Network.Layers[l].Biases, two.Network.Layers[l].Biases);
        }
        Assert.NotEqual(one.Network.Layers[1].Weights, otherSeed.Network.Layers[1].Weights);
        Assert.NotEqual(one.TrainLoss, otherSeed.TrainLoss);
        Assert.NotEqual(one.Network.Layers[1].Weights, noDropout.Network.Layers[1].Weights);
    }

    [Fact]
    public void Evaluation_IgnoresDropout_TheTrainedWeightsScoreTheSameInAFreshWorkspaceAndFromAModelFile()
    {
        var data = Mnist(train: 5_000, heldOut: 1_000);
        var result = Trainer.Train(data, new TrainingOptions { Hidden = [50], Epochs = 1, Dropout = 0.5, Init = WeightInit.He });
        using var folder = new TempFolder();
        ModelFile.Save(folder.File("model.bin"), result.Network);

        // The trainer evaluates in the workspace its last dropout step used; a fresh one, or the saved weights, must agree.
        var fresh = Evaluator.Evaluate(result.Network, data.Test);
        var saved = Evaluator.Evaluate(ModelFile.Load(folder.File("model.bin")).Network, data.Test, threads: 2);
        var validation = Evaluator.Evaluate(result.Network, data.Validation);

        Assert.Equal((result.TestLoss, result.TestAcc), (fresh.Loss, fresh.Accuracy));
        Assert.Equal((result.TestLoss, result.TestAcc), (saved.Loss, saved.Accuracy));
        Assert.Equal((result.ValLoss, result.ValAcc), (validation.Loss, validation.Accuracy));
        Assert.True(fresh.Accuracy > 0.5, $"test accuracy {fresh.Accuracy}: training with dropout learned nothing");
    }
}
