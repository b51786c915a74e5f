using System.Security.Cryptography;
using Sweep.Engine.Data;
using Sweep.Engine.Model;
using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

/// <summary>
/// A run stopped after an epoch's checkpoint and resumed from the checkpoint's bytes ends bit-identical to a run that
/// never stopped (weights, every epoch's figures, test metrics), on real MNIST, whatever the thread counts before and
/// after; corrupt, foreign or mismatched checkpoints are refused with a clear message.
/// </summary>
public sealed class TrainingCheckpointTests
{
    private static readonly Lazy<DataSplits> Data = new(() =>
    {
        var full = DatasetCatalog.Load("mnist", TestData.DataRoot);
        return new DataSplits(full.Name, full.Train.Slice(0, 3_000), full.Validation.Slice(0, 1_000), full.Test.Slice(0, 1_000), full.Checksum);
    });

    public static TheoryData<string, TrainingOptions, int, int> Runs() => new()
    {
        { "softmax regression", new TrainingOptions { Epochs = 4, LearningRate = 0.5 }, 1, 1 },
        { "784-100-10 momentum", new TrainingOptions { Hidden = [100], Epochs = 4, Momentum = 0.9, Init = WeightInit.He }, 1, 2 },
        { "784-100-10 dropout", new TrainingOptions { Hidden = [100], Epochs = 4, Momentum = 0.5, Dropout = 0.2, Init = WeightInit.He }, 2, 1 },
        { "784-64-32-10 linear", new TrainingOptions { Hidden = [64, 32], Epochs = 4, Schedule = LearningRateSchedule.Linear, BatchSize = 64, Init = WeightInit.He }, 2, 2 },
        { "784-100-10 nesterov", new TrainingOptions { Hidden = [100], Epochs = 4, Optimizer = OptimizerKind.Nesterov, Momentum = 0.9, Init = WeightInit.He }, 2, 1 },
        { "784-100-10 adam", new TrainingOptions { Hidden = [100], Epochs = 4, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3, Init = WeightInit.He }, 1, 2 },
        { "784-100-10 adamw cosine", new TrainingOptions { Hidden = [100], Epochs = 4, Optimizer = OptimizerKind.AdamW, LearningRate = 2e-3, Lambda = 0.05,
            Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6, Schedule = LearningRateSchedule.Cosine, Init = WeightInit.He }, 2, 1 },
        { "softmax adam", new TrainingOptions { Epochs = 4, Optimizer = OptimizerKind.Adam, LearningRate = 1e-2 }, 2, 2 },
        { "conv momentum dropout", new TrainingOptions { Layers = LayerSpec.ParseList("conv3x3:4,pool2,conv3x3:4:valid,fc:32"), Epochs = 4, Momentum = 0.9,
            LearningRate = 0.05, Dropout = 0.2, Init = WeightInit.He }, 1, 2 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void ResumingFromTheBytesOfEpoch2_EndsBitIdenticalToAnUninterruptedRun(string name, TrainingOptions options, int threadsBefore, int threadsAfter)
    {
        var uninterrupted = Trainer.Train(Data.Value, options);
        var bytes = StopAfter(epoch: 2, options with { Threads = threadsBefore });

        var replayed = new List<EpochMetrics>();
        var resumed = Trainer.Train(Data.Value, options with { Threads = threadsAfter }, replayed.Add,
            resumeFrom: TrainingCheckpoint.FromBytes(bytes));

        Assert.Equal(TrainingStatus.Completed, resumed.Status);
        Assert.True(uninterrupted.TestAcc > 0.8, $"{name}: test accuracy {uninterrupted.TestAcc}");
        Assert.Equal(Figures(uninterrupted.Epochs), Figures(resumed.Epochs));
        Assert.Equal(Figures(uninterrupted.Epochs), Figures(replayed));
        Assert.Equal(Bits(uninterrupted.TestLoss, uninterrupted.TestAcc, uninterrupted.TrainLoss), Bits(resumed.TestLoss, resumed.TestAcc, resumed.TrainLoss));
        for (var l = 0; l < uninterrupted.Network.Layers.Count; l++)
        {
            Assert.Equal(Bits(uninterrupted.Network.Layers[l].Weights), Bits(resumed.Network.Layers[l].Weights));
            Assert.Equal(Bits(uninterrupted.Network.Layers[l].Biases), Bits(resumed.Network.Layers[l].Biases));
        }
    }

    [Fact]
    public void ACheckpointComesAtEveryEpochEnd_WithItsEpochAndTheStepsDone()
    {
        var options = new TrainingOptions { Epochs = 3, BatchSize = 100 };
        var checkpoints = new List<TrainingCheckpoint>();

        Trainer.Train(Data.Value, options, onCheckpoint: checkpoints.Add);

        Assert.Equal([1, 2, 3], checkpoints.Select(checkpoint => checkpoint.Epoch));
        Assert.Equal([30, 60, 90], checkpoints.Select(checkpoint => checkpoint.Step));
        // Copies, not views: the first checkpoint's weights are not the run's final ones.
        Assert.NotEqual(Bits(checkpoints[0].Weights[0]), Bits(checkpoints[2].Weights[0]));
    }

    [Fact]
    public void AnyFlippedByte_IsRefusedByTheChecksum_AndTruncationOrOtherDataToo()
    {
        var bytes = StopAfter(epoch: 1, new TrainingOptions { Epochs = 2 });

        foreach (var position in new[] { 12, bytes.Length / 2, bytes.Length - 1 })
        {
            var corrupt = (byte[])bytes.Clone();
            corrupt[position] ^= 0x10;
            var error = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.FromBytes(corrupt));
            Assert.Contains("checksum mismatch", error.Message);
        }
        Assert.Contains("checksum mismatch", Assert.Throws<CheckpointException>(() => TrainingCheckpoint.FromBytes(bytes.AsSpan(0, bytes.Length - 100))).Message);
        Assert.Contains("magic", Assert.Throws<CheckpointException>(() => TrainingCheckpoint.FromBytes(new byte[100])).Message);
        Assert.Contains("at least", Assert.Throws<CheckpointException>(() => TrainingCheckpoint.FromBytes("SWEEPCK"u8)).Message);
    }

    [Fact]
    public void AWellFormedPayloadWithImpossibleCounts_IsRefused_EvenUnderAValidChecksum()
    {
        var bytes = StopAfter(epoch: 1, new TrainingOptions { Epochs = 2 });
        // The identity's length field follows magic and version; claim more bytes than exist and re-hash.
        var forged = bytes[..^32];
        BitConverter.TryWriteBytes(forged.AsSpan(12), int.MaxValue);
        forged = [.. forged, .. SHA256.HashData(forged)];

        var error = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.FromBytes(forged));

        Assert.Contains("identity length", error.Message);
    }

    [Fact]
    public void ACheckpointOfOtherOptions_IsRefusedBeforeTraining_NamingBothIdentities()
    {
        var options = new TrainingOptions { Epochs = 3 };
        var checkpoint = TrainingCheckpoint.FromBytes(StopAfter(epoch: 1, options));

        var error = Assert.Throws<CheckpointException>(() => Trainer.Train(Data.Value, options with { LearningRate = 0.2 }, resumeFrom: checkpoint));

        Assert.Contains("lr=0.1 ", error.Message);
        Assert.Contains("lr=0.2 ", error.Message);
        // Threads never change the numbers, so they are not part of the identity.
        Assert.Equal(TrainingStatus.Completed, Trainer.Train(Data.Value, options with { Threads = 2 }, resumeFrom: checkpoint).Status);
    }

    [Fact]
    public void AnAdamCheckpoint_HoldsTheStepsTakenAndBothMoments()
    {
        var options = new TrainingOptions { Epochs = 2, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3 };

        var checkpoint = TrainingCheckpoint.FromBytes(StopAfter(epoch: 1, options));

        Assert.Equal(30, checkpoint.Optimizer.StepsTaken);
        Assert.Equal(2, checkpoint.Optimizer.Buffers.Count);
        // v holds squared gradients: never negative, and non-zero once training has run.
        Assert.All(checkpoint.Optimizer.Buffers[1].Weights[0], v => Assert.True(v >= 0));
        Assert.Contains(checkpoint.Optimizer.Buffers[1].Weights[0], v => v > 0);
    }

    [Fact]
    public void ACheckpointOfAnotherOptimizer_IsRefused_NamingBoth()
    {
        var options = new TrainingOptions { Epochs = 2, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3 };
        var checkpoint = TrainingCheckpoint.FromBytes(StopAfter(epoch: 1, options));

        var error = Assert.Throws<CheckpointException>(() => Trainer.Train(Data.Value, options with { Optimizer = OptimizerKind.AdamW }, resumeFrom: checkpoint));

        Assert.Contains("optimizer=Adam ", error.Message);
        Assert.Contains("optimizer=AdamW ", error.Message);
    }

    [Fact]
    public void AVersion1Checkpoint_IsRefusedByItsVersion()
    {
        var bytes = StopAfter(epoch: 1, new TrainingOptions { Epochs = 2 });
        // Version 1 is the format before optimiser state: the int32 after the 8-byte magic.
        BitConverter.TryWriteBytes(bytes.AsSpan(8), 1);

        var error = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.FromBytes(bytes));

        Assert.Contains("expected format version 2 or 3, found 1", error.Message);
    }

    [Fact]
    public void AVersion2Checkpoint_WithItsChainOfWidths_IsStillResumed()
    {
        var options = new TrainingOptions { Hidden = [20], Epochs = 2 };
        var bytes = StopAfter(epoch: 1, options);
        var checkpoint = TrainingCheckpoint.FromBytes(bytes);
        // Version 3 writes (fan-in, fan-out) per layer where version 2 wrote widths[count + 1]: rewrite that field and re-hash.
        var layersAt = 8 + 4 + 4 + checkpoint.Identity.Length + 4 + 4 + 4 * 8 + 1 + 8 + 4 + 4 * checkpoint.Order.Length;
        Assert.Equal(2, BitConverter.ToInt32(bytes, layersAt));
        int[] widths = [784, 20, 10];
        byte[] version2 = [.. bytes[..8], .. BitConverter.GetBytes(2), .. bytes[12..(layersAt + 4)],
            .. widths.SelectMany(BitConverter.GetBytes), .. bytes[(layersAt + 4 + 4 * 4)..^32]];
        version2 = [.. version2, .. SHA256.HashData(version2)];

        var read = TrainingCheckpoint.FromBytes(version2);

        Assert.Equal(checkpoint.Shapes, read.Shapes);
        Assert.Equal(Bits(checkpoint.Weights[1]), Bits(read.Weights[1]));
        Assert.Equal(TrainingStatus.Completed, Trainer.Train(Data.Value, options, resumeFrom: read).Status);
    }

    [Fact]
    public void TheIdentityOfAConvRun_NamesItsLayersAndInput_AndAnFcOnlySpecIsTheHiddenRun()
    {
        var conv = TrainingCheckpoint.IdentityOf(new TrainingOptions { Layers = LayerSpec.ParseList("conv5x5:8,pool2,fc:20") }, Data.Value);
        var fcLayers = TrainingCheckpoint.IdentityOf(new TrainingOptions { Layers = LayerSpec.ParseList("fc:20") }, Data.Value);
        var hidden = TrainingCheckpoint.IdentityOf(new TrainingOptions { Hidden = [20] }, Data.Value);

        Assert.StartsWith("layers=conv5x5:8,pool2,fc:20 input=28x28x1 classes=10 lr=", conv);
        Assert.StartsWith("widths=784,20,10 lr=", hidden);
        Assert.Equal(hidden, fcLayers);
    }

    [Fact]
    public void ACheckpointOfOtherData_IsRefused()
    {
        var options = new TrainingOptions { Epochs = 2 };
        var checkpoint = TrainingCheckpoint.FromBytes(StopAfter(epoch: 1, options));
        var data = Data.Value;
        var fewer = data with { Train = data.Train.Slice(0, 2_000) };

        var error = Assert.Throws<CheckpointException>(() => Trainer.Train(fewer, options, resumeFrom: checkpoint));

        Assert.Contains("train=3000", error.Message);
        Assert.Contains("train=2000", error.Message);
    }

    /// <summary>Trains until the checkpoint of <paramref name="epoch"/>, cancels there, and returns that checkpoint's bytes.</summary>
    private static byte[] StopAfter(int epoch, TrainingOptions options)
    {
        using var stop = new CancellationTokenSource();
        byte[]? bytes = null;
        var result = Trainer.Train(Data.Value, options, cancellation: stop.Token, onCheckpoint: checkpoint =>
        {
            if (checkpoint.Epoch != epoch) return;
            bytes = checkpoint.ToBytes();
            stop.Cancel();
        });
        Assert.Equal(TrainingStatus.Cancelled, result.Status);
        Assert.Equal(epoch, result.Epochs.Count);
        return bytes!;
    }

    private static IEnumerable<(int, long, long, long)> Figures(IEnumerable<EpochMetrics> epochs) =>
        epochs.Select(e => (e.Epoch, BitConverter.DoubleToInt64Bits(e.TrainLoss), BitConverter.DoubleToInt64Bits(e.ValLoss), BitConverter.DoubleToInt64Bits(e.ValAcc)));

    private static long[] Bits(params double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
