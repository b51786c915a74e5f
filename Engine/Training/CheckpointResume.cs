using Sweep.Engine.Model;
using Sweep.Engine.Randomness;

namespace Sweep.Engine.Training;

/// <summary>
/// Takes a <see cref="TrainingCheckpoint"/> from a run's state and puts one back. <see cref="Check"/> runs before
/// <see cref="Apply"/> changes anything, so a checkpoint of other options or shapes is refused with nothing loaded.
/// </summary>
internal static class CheckpointResume
{
    /// <summary>Copies of everything the rest of the run depends on, so the run may go on changing its own arrays.</summary>
    public static TrainingCheckpoint Capture(string identity, int epoch, int step, DeterministicRandom shuffle, int[] order,
        Network network, Optimizer optimizer, IReadOnlyList<EpochMetrics> epochs) => new(
        identity, epoch, step, shuffle.State, (int[])order.Clone(), network.ParameterShapes,
        network.Layers.Select(layer => (float[])layer.Weights.Clone()).ToArray(),
        network.Layers.Select(layer => (float[])layer.Biases.Clone()).ToArray(),
        optimizer.CaptureState(),
        epochs.ToArray());

    public static void Check(TrainingCheckpoint checkpoint, string identity, Network network, Optimizer optimizer, int trainCount)
    {
        if (checkpoint.Identity != identity)
            throw new CheckpointException($"the checkpoint belongs to other options or data: it was taken for {checkpoint.Identity}; this run is {identity}");
        // The identity fixes every shape below; these checks guard against a writer that broke that promise.
        if (!checkpoint.Shapes.SequenceEqual(network.ParameterShapes))
            throw new CheckpointException($"the checkpoint holds layers {Text(checkpoint.Shapes)}, this run {Text(network.ParameterShapes)}");
        if (checkpoint.Order.Length != trainCount || checkpoint.Order.Any(index => (uint)index >= (uint)trainCount))
            throw new CheckpointException($"the checkpoint's example order is not an ordering of this run's {trainCount} training examples");
        if (!optimizer.Fits(checkpoint.Optimizer))
            throw new CheckpointException($"the checkpoint holds {checkpoint.Optimizer.Buffers.Count} optimizer buffers after " +
                $"{checkpoint.Optimizer.StepsTaken} steps; this run's optimizer keeps {optimizer.CaptureState().Buffers.Count}");
        if (checkpoint.Epoch < 1 || checkpoint.Epoch != checkpoint.Epochs.Count)
            throw new CheckpointException($"the checkpoint is at epoch {checkpoint.Epoch} but holds {checkpoint.Epochs.Count} epochs of metrics");
    }

    private static string Text((int FanIn, int FanOut)[] shapes) => string.Join(", ", shapes.Select(shape => $"{shape.FanIn}×{shape.FanOut}"));

    public static void Apply(TrainingCheckpoint checkpoint, Network network, Optimizer optimizer, DeterministicRandom shuffle, int[] order)
    {
        for (var l = 0; l < network.Layers.Count; l++)
        {
            checkpoint.Weights[l].CopyTo(network.Layers[l].Weights, 0);
            checkpoint.Biases[l].CopyTo(network.Layers[l].Biases, 0);
        }
        optimizer.RestoreState(checkpoint.Optimizer);
        shuffle.Restore(checkpoint.Shuffle);
        checkpoint.Order.CopyTo(order, 0);
    }
}
