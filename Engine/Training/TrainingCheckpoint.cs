using System.Globalization;
using Sweep.Engine.Data;
using Sweep.Engine.Model;
using Sweep.Engine.Randomness;

namespace Sweep.Engine.Training;

/// <summary>
/// A training run as it stands at the end of an epoch: everything the rest of the run depends on, so that resuming from
/// it ends bit-identical to a run that never stopped. That is the parameters, the optimiser's state (steps taken,
/// momentum's velocity or Adam's moments), the shuffle
/// stream and the order it last produced (each epoch shuffles the previous order again, so the stream alone is not
/// enough), the step counter (the learning-rate schedule's position), and the epochs' metrics so far. Dropout masks
/// and initialisation need nothing: masks hash (seed, epoch, batch), and resumed weights replace the initial ones.
/// <see cref="Identity"/> names the options and data it belongs to; <see cref="Trainer"/> refuses any other.
/// Non-goals: storing it (see <see cref="CheckpointFormat"/> for its bytes); the wall-clock time of earlier epochs.
/// </summary>
/// <param name="Shapes">[layer] → its weights' [fan-in, fan-out], as <see cref="Network.ParameterShapes"/>.</param>
/// <param name="Weights">[layer] → [fan-in·fan-out], as <see cref="Model.DenseLayer.Weights"/>.</param>
/// <param name="Optimizer">The optimiser's steps taken and buffers, each shaped as <paramref name="Weights"/> and <paramref name="Biases"/>.</param>
/// <param name="Order">The training examples' order of the last epoch: [train count].</param>
public sealed record TrainingCheckpoint(
    string Identity,
    int Epoch,
    int Step,
    RandomState Shuffle,
    int[] Order,
    (int FanIn, int FanOut)[] Shapes,
    float[][] Weights,
    float[][] Biases,
    OptimizerState Optimizer,
    IReadOnlyList<EpochMetrics> Epochs)
{
    /// <summary>
    /// What a checkpoint must match to be resumed: every option that changes the numbers (not Threads, which never does),
    /// the split sizes and the data's checksum. Doubles are written round-trip, so 0.1 and 0.1000000001 differ.
    /// </summary>
    public static string IdentityOf(TrainingOptions options, DataSplits data) => string.Create(CultureInfo.InvariantCulture,
        $"{NetworkOf(options, data.Train)} lr={options.LearningRate:R} " +
        $"lambda={options.Lambda:R} batch={options.BatchSize} epochs={options.Epochs} seed={options.Seed} " +
        $"momentum={options.Momentum:R} init={options.Init} schedule={options.Schedule} dropout={options.Dropout:R} " +
        $"optimizer={options.Optimizer} beta1={options.Beta1:R} beta2={options.Beta2:R} eps={options.Epsilon:R} " +
        $"train={data.Train.Count} validation={data.Validation.Count} test={data.Test.Count} data={data.Checksum}");

    /// <summary>
    /// The network trained: its widths when every layer is fully connected (as <c>hidden</c> always wrote them, so an fc-only
    /// <c>layers</c> spec is the same run), else the canonical layers and the input image they read.
    /// </summary>
    private static string NetworkOf(TrainingOptions options, Dataset train)
    {
        var input = options.InputShape(train.Shape);
        return LayerSpec.AsHiddenWidths(options.HiddenLayers) is { } hidden
            ? string.Create(CultureInfo.InvariantCulture, $"widths={string.Join(',', [train.Features, .. hidden, train.Classes])}")
            : string.Create(CultureInfo.InvariantCulture, $"layers={LayerSpec.Format(options.HiddenLayers)} input={input.Height}x{input.Width}x{input.Channels} classes={train.Classes}");
    }

    /// <summary>The checkpoint as bytes with a format version and a SHA-256 checksum (<see cref="CheckpointFormat"/>).</summary>
    public byte[] ToBytes() => CheckpointFormat.Write(this);

    /// <summary>Reads bytes written by <see cref="ToBytes"/>; throws <see cref="CheckpointException"/> for anything else.</summary>
    public static TrainingCheckpoint FromBytes(ReadOnlySpan<byte> bytes) => CheckpointFormat.Read(bytes);
}
