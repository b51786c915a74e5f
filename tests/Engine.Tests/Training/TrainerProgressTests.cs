using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

/// <summary>The Trainer's within-epoch progress: a one-epoch trial shows it is moving before it ends.</summary>
public class TrainerProgressTests
{
    [Fact]
    public void Progress_ComesSeveralTimesPerEpoch_RisingToTheWholeEpoch_WithoutChangingAnyResultBit()
    {
        var data = SyntheticData.Random(300, 40, 10, seed: 2);
        var options = new TrainingOptions { Hidden = [17], LearningRate = 0.2, BatchSize = 10, Epochs = 2 };
        var reports = new List<EpochProgress>();

        var plain = Trainer.Train(SyntheticData.Splits(data), options);
        var watched = Trainer.Train(SyntheticData.Splits(data), options, onProgress: reports.Add);

        var batchesPerEpoch = (int)Math.Ceiling(SyntheticData.Splits(data).Train.Count / 10.0);
        var perEpoch = batchesPerEpoch / Math.Max(1, batchesPerEpoch / Trainer.ProgressReportsPerEpoch);
        Assert.Equal(2 * perEpoch, reports.Count);
        foreach (var epoch in new[] { 1, 2 })
        {
            var fractions = reports.Where(report => report.Epoch == epoch).Select(report => report.Fraction).ToList();
            Assert.Equal(fractions.Order(), fractions);
            Assert.True(fractions[0] < 0.5, $"first report of epoch {epoch} at {fractions[0]}");
            Assert.InRange(fractions[^1], 0.9, 1.0);
        }
        Assert.All(reports, report => Assert.True(double.IsFinite(report.TrainLoss) && report.TrainLoss > 0));
        Assert.Equal(plain.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAcc)), watched.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAcc)));
        Assert.Equal(plain.TestLoss, watched.TestLoss);
        for (var l = 0; l < plain.Network.Layers.Count; l++)
            Assert.Equal(plain.Network.Layers[l].Weights, watched.Network.Layers[l].Weights);
    }
}
