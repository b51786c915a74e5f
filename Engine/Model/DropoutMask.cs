using System.Numerics;
using Sweep.Engine.Parallelism;
using Sweep.Engine.Randomness;

namespace Sweep.Engine.Model;

/// <summary>
/// Inverted dropout for one training step: each hidden unit of each example is kept with probability 1 − p and scaled
/// by 1/(1 − p), so evaluation (which applies no mask) needs no rescaling. Whether a unit is kept is a hash of
/// (seed, epoch, batch, layer, row, unit), never a draw from a shared stream, so the mask is the same for any thread
/// count and any order of work. It needs no buffer either: the backward pass reads it off the activations, which are
/// zero exactly where a unit was dropped or its ReLU was off (<see cref="Relu.Backward"/>).
/// The default value is "no dropout". Non-goals: dropout on the input or the output layer.
/// </summary>
public readonly struct DropoutMask
{
    // Keeps the mask's bits apart from the initialisation and shuffling streams drawn from the same seed.
    private const ulong Stream = 0xD809_0D80_9D80_90D8UL;
    private readonly ulong _key;
    // Each 64-bit hash decides two units, one per 32-bit half: half the hashing, and p is still exact to 2⁻³².
    private readonly uint _dropBelow; // a unit is dropped when its 32-bit draw is below p·2³²

    /// <param name="rate">p, the probability of dropping a unit, in [0, 1).</param>
    /// <param name="batch">The batch's index within its epoch.</param>
    public DropoutMask(double rate, ulong seed, int epoch, int batch)
    {
        if (!(rate >= 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "dropout must be in [0, 1)");
        Rate = rate;
        Scale = (float)(1 / (1 - rate));
        _dropBelow = (uint)Math.Min(rate * 4294967296.0, uint.MaxValue);
        var key = DeterministicRandom.Mix(seed ^ Stream);
        key = DeterministicRandom.Mix(key + (ulong)epoch);
        _key = DeterministicRandom.Mix(key + (ulong)batch);
    }

    /// <summary>p; 0 for the default mask, which keeps everything.</summary>
    public double Rate { get; }

    /// <summary>1/(1 − p) as the kept activations are multiplied by it (0 for the default mask, which is never applied).</summary>
    public float Scale { get; }

    public bool IsActive => Rate > 0;

    /// <summary>
    /// Whether unit <paramref name="unit"/> of example <paramref name="row"/> in hidden layer <paramref name="layer"/> is kept:
    /// the reference that <see cref="Apply"/>'s vector loop must match bit for bit.
    /// </summary>
    public bool Keeps(int layer, int row, int unit) => Keeps(RowState(layer, row), unit);

    /// <summary>
    /// activations: [batch, width] of hidden layer <paramref name="layer"/>, after its ReLU. Zeroes the dropped units and
    /// scales the kept ones; rows split across <paramref name="threads"/> as <see cref="Relu.AddBiasAndActivate"/> splits
    /// them, so at 2 threads each core masks the rows it has just activated (and the next layer's row blocks,
    /// <see cref="FullyConnectedRows"/>, find them there). Each unit's fate is a hash of its row and unit: same bits on any split.
    /// </summary>
    public unsafe void Apply(Span<float> activations, int layer, int batch, int threads = 1)
    {
        var width = activations.Length / batch;
        fixed (float* values = activations)
        {
            WorkerPool.For(WorkerPool.ThreadsFor(threads, (long)batch * width, Relu.MinElementsPerThread), batch, new MaskRows(this, values, width, layer));
        }
    }

    private void ApplyRow(Span<float> values, int layer, int row)
    {
        var state = RowState(layer, row);
        var unit = Vector.IsHardwareAccelerated ? ApplyVectors(values, state) : 0;
        for (; unit < values.Length; unit++) values[unit] = Keeps(state, unit) ? values[unit] * Scale : 0f;
    }

    private readonly unsafe struct MaskRows(DropoutMask mask, float* activations, int width, int layer) : IRangeWork
    {
        public void Run(int start, int end)
        {
            for (var row = start; row < end; row++) mask.ApplyRow(new Span<float>(activations + (nint)row * width, width), layer, row);
        }
    }

    /// <summary>
    /// <see cref="Keeps(ulong, int)"/> for Vector&lt;float&gt;.Count units at a time: the hashes of Count/2 consecutive
    /// counters, read as 2·(Count/2) 32-bit draws (little-endian, so the low half is the even unit, as in the reference).
    /// Returns the first unit left for the scalar loop.
    /// </summary>
    private int ApplyVectors(Span<float> values, ulong rowState)
    {
        var hashes = Vector<ulong>.Count;
        Span<ulong> lanes = stackalloc ulong[hashes];
        for (var lane = 0; lane < hashes; lane++) lanes[lane] = rowState + (ulong)lane * DeterministicRandom.Golden;
        var state = new Vector<ulong>(lanes);
        var step = new Vector<ulong>((ulong)hashes * DeterministicRandom.Golden);
        var dropBelow = new Vector<uint>(_dropBelow);
        var scale = new Vector<float>(Scale);
        var unit = 0;
        for (; unit <= values.Length - Vector<float>.Count; unit += Vector<float>.Count)
        {
            var keep = Vector.GreaterThanOrEqual(Vector.AsVectorUInt32(Mix(state)), dropBelow);
            var kept = new Vector<float>(values[unit..]) * scale;
            Vector.ConditionalSelect(Vector.AsVectorSingle(keep), kept, Vector<float>.Zero).CopyTo(values[unit..]);
            state += step;
        }
        return unit;
    }

    /// <summary><see cref="DeterministicRandom.Mix"/> lane by lane.</summary>
    private static Vector<ulong> Mix(Vector<ulong> z)
    {
        z = (z ^ Vector.ShiftRightLogical(z, 30)) * new Vector<ulong>(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector.ShiftRightLogical(z, 27)) * new Vector<ulong>(0x94D049BB133111EBUL);
        return z ^ Vector.ShiftRightLogical(z, 31);
    }

    /// <summary>Unit u's draw is half (u mod 2) of the hash of counter rowState + ⌊u/2⌋·Golden.</summary>
    private bool Keeps(ulong rowState, int unit) =>
        (uint)(DeterministicRandom.Mix(rowState + (ulong)(unit >> 1) * DeterministicRandom.Golden) >> (32 * (unit & 1))) >= _dropBelow;

    /// <summary>The counter of (layer, row): a row's units hash consecutive SplitMix64 positions after it.</summary>
    private ulong RowState(int layer, int row) =>
        DeterministicRandom.Mix(_key + (ulong)layer) + ((ulong)row << 32) * DeterministicRandom.Golden;
}
