using Sweep.Engine.Model;
using Sweep.Engine.Parallelism;

namespace Sweep.Engine.Training;

/// <summary>
/// Updates a network's parameters from the gradient of the batch's data loss (mean cross-entropy, no L2 term).
/// Every optimiser is element-wise over blocks of 4096 values (<see cref="InBlocks"/>), which threads share with no
/// effect on the results. Weight decay (λ) applies to weights only, never biases; how it enters depends on the optimiser
/// (<see cref="LossLambda"/>). Non-goals: gradients (<see cref="NetworkWorkspace"/>), the schedule (the caller sets
/// <see cref="LearningRate"/> before each step), storage of its state (<see cref="TrainingCheckpoint"/>).
/// </summary>
public abstract class Optimizer
{
    /// <summary>The optimisers pass over parameters in blocks of this many values: ‖W‖² is summed in float vectors
    /// within a block and in double across blocks, so a 400,000-weight layer loses no precision to the float sums.</summary>
    private const int Block = 4096;

    /// <summary>Values a thread should get at least: below ~4 blocks the fork and join cost more than the thread saves.</summary>
    private const int MinValuesPerThread = 4 * Block;

    private readonly ParameterBuffers[] _buffers;
    private double[] _blockSums = [];

    /// <param name="buffers">How many <see cref="ParameterBuffers"/> of state the optimiser keeps (zeros at the start).</param>
    protected Optimizer(Network network, double learningRate, double weightDecay, int buffers)
    {
        Rate = (float)learningRate;
        WeightDecay = weightDecay;
        _buffers = Enumerable.Range(0, buffers).Select(_ => ParameterBuffers.ZerosLike(network)).ToArray();
    }

    /// <summary>Threads the updates split their blocks across; the results are the same for any count.</summary>
    public int Threads { get; set; } = 1;

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

    /// <summary>
    /// Runs <paramref name="update"/> over [0, <paramref name="length"/>) block by block, blocks split across
    /// <see cref="Threads"/> in contiguous ranges; the blocks' results are summed in double in block order on the caller,
    /// so the total (and every parameter) has the same bits for any thread count.
    /// </summary>
    protected unsafe double InBlocks(int length, BlockUpdate update)
    {
        var blocks = (length + Block - 1) / Block;
        if (_blockSums.Length < blocks) _blockSums = new double[blocks];
        fixed (double* sums = _blockSums)
        {
            WorkerPool.For(WorkerPool.ThreadsFor(Threads, length, MinValuesPerThread), blocks, new BlockRange(update, sums, length));
        }
        var total = 0.0;
        for (var b = 0; b < blocks; b++) total += _blockSums[b];
        return total;
    }

    private readonly unsafe struct BlockRange(BlockUpdate update, double* sums, int length) : IRangeWork
    {
        public void Run(int startBlock, int endBlock)
        {
            for (var b = startBlock; b < endBlock; b++)
            {
                var start = b * Block;
                sums[b] = update(start, Math.Min(Block, length - start));
            }
        }
    }
}
