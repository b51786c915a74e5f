using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>
/// Updates a network's parameters from the gradient of the batch's data loss (mean cross-entropy, no L2 term).
/// Every optimiser is element-wise and runs on the calling thread in a fixed order, so its results do not depend on
/// the thread count. Weight decay (λ) applies to weights only, never biases; how it enters depends on the optimiser
/// (<see cref="LossLambda"/>). Non-goals: gradients (<see cref="NetworkWorkspace"/>), the schedule (the caller sets
/// <see cref="LearningRate"/> before each step), storage of its state (<see cref="TrainingCheckpoint"/>).
/// </summary>
public abstract class Optimizer
{
    /// <summary>The optimisers pass over parameters in blocks of this many values: ‖W‖² is summed in float vectors
    /// within a block and in double across blocks, so a 400,000-weight layer loses no precision to the float sums.</summary>
    private const int Block = 4096;

    private readonly ParameterBuffers[] _buffers;

    /// <param name="buffers">How many <see cref="ParameterBuffers"/> of state the optimiser keeps (zeros at the start).</param>
    protected Optimizer(Network network, double learningRate, double weightDecay, int buffers)
    {
        Rate = (float)learningRate;
        WeightDecay = weightDecay;
        _buffers = Enumerable.Range(0, buffers).Select(_ => ParameterBuffers.ZerosLike(network)).ToArray();
    }

    /// <summary>λ as given (updates use it rounded to float).</summary>
    public double WeightDecay { get; }

    /// <summary>
    /// The λ of the objective's 0.5·λ·‖W‖² term, which the reported training loss includes: <see cref="WeightDecay"/>
    /// when decay is the gradient of that term (SGD, Nesterov, Adam), 0 when it is decoupled from any loss (AdamW).
    /// </summary>
    public virtual double LossLambda => WeightDecay;

    /// <summary>The rate of the next steps; a schedule changes it between steps.</summary>
    public double LearningRate
    {
        get => Rate;
        set => Rate = (float)value;
    }

    /// <summary>The learning rate as the updates use it.</summary>
    protected float Rate { get; private set; }

    /// <summary>Steps taken so far, this one included while <see cref="Update"/> runs (Adam's t).</summary>
    protected long StepsTaken { get; private set; }

    /// <summary>The state buffers, in the order <see cref="OptimizerState.Buffers"/> holds them.</summary>
    protected IReadOnlyList<ParameterBuffers> Buffers => _buffers;

    /// <summary>
    /// Updates every parameter from gradients of the data loss alone, and returns ‖W‖² of the weights before the
    /// update, so the caller can report the regularised loss of the batch at no extra pass over the weights.
    /// </summary>
    public double Step(Network network, Gradients gradients)
    {
        StepsTaken++;
        return Update(network, gradients);
    }

    /// <summary>The update of step <see cref="StepsTaken"/>; returns ‖W‖² of the weights before it.</summary>
    protected abstract double Update(Network network, Gradients gradients);

    /// <summary>A copy of the state, which the optimiser's later steps do not change.</summary>
    public OptimizerState CaptureState() => new(StepsTaken, _buffers.Select(buffer => buffer.Copy()).ToArray());

    /// <summary>Whether <paramref name="state"/> has the buffers this optimiser keeps (shapes are the network's, checked elsewhere).</summary>
    public bool Fits(OptimizerState state) => state.Buffers.Count == _buffers.Length && state.StepsTaken >= 0;

    /// <summary>Puts back a state from <see cref="CaptureState"/> of an optimiser of the same kind and network.</summary>
    public void RestoreState(OptimizerState state)
    {
        if (!Fits(state)) throw new ArgumentException($"the state holds {state.Buffers.Count} buffers, this optimiser {_buffers.Length}");
        StepsTaken = state.StepsTaken;
        for (var b = 0; b < _buffers.Length; b++) _buffers[b].CopyFrom(state.Buffers[b]);
    }

    /// <summary>One block of an update: [start, start + length) of a parameter array; returns the block's sum of squares.</summary>
    protected delegate double BlockUpdate(int start, int length);

    /// <summary>Runs <paramref name="update"/> over [0, <paramref name="length"/>) block by block, in order, summing its results in double.</summary>
    protected static double InBlocks(int length, BlockUpdate update)
    {
        var total = 0.0;
        for (var start = 0; start < length; start += Block) total += update(start, Math.Min(Block, length - start));
        return total;
    }
}
