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
    private readonly ulong _dropBelow; // a unit is dropped when the top 53 bits of its hash are below p·2⁵³

    /// <param name="rate">p, the probability of dropping a unit, in [0, 1).</param>
    /// <param name="batch">The batch's index within its epoch.</param>
    public DropoutMask(double rate, ulong seed, int epoch, int batch)
    {
        if (!(rate >= 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "dropout must be in [0, 1)");
        Rate = rate;
        Scale = (float)(1 / (1 - rate));
        _dropBelow = (ulong)(rate * (1UL << 53));
        var key = DeterministicRandom.Mix(seed ^ Stream);
        key = DeterministicRandom.Mix(key + (ulong)epoch);
        _key = DeterministicRandom.Mix(key + (ulong)batch);
    }

    /// <summary>p; 0 for the default mask, which keeps everything.</summary>
    public double Rate { get; }

    /// <summary>1/(1 − p) as the kept activations are multiplied by it (0 for the default mask, which is never applied).</summary>
    public float Scale { get; }

    public bool IsActive => Rate > 0;

    /// <summary>Whether unit <paramref name="unit"/> of example <paramref name="row"/> in hidden layer <paramref name="layer"/> is kept.</summary>
    public bool Keeps(int layer, int row, int unit) => Draw(RowState(layer, row) + (ulong)unit * DeterministicRandom.Golden) >= _dropBelow;

    /// <summary>activations: [batch, width] of hidden layer <paramref name="layer"/>, after its ReLU. Zeroes the dropped units and scales the kept ones.</summary>
    public void Apply(Span<float> activations, int layer, int batch)
    {
        var width = activations.Length / batch;
        for (var row = 0; row < batch; row++)
        {
            var values = activations.Slice(row * width, width);
            var state = RowState(layer, row);
            for (var unit = 0; unit < values.Length; unit++)
            {
                values[unit] = Draw(state) >= _dropBelow ? values[unit] * Scale : 0f;
                state += DeterministicRandom.Golden;
            }
        }
    }

    /// <summary>The counter of (layer, row, unit 0): units of a row are consecutive SplitMix64 positions after it.</summary>
    private ulong RowState(int layer, int row) =>
        DeterministicRandom.Mix(_key + (ulong)layer) + ((ulong)row << 32) * DeterministicRandom.Golden;

    private static ulong Draw(ulong state) => DeterministicRandom.Mix(state) >> 11;
}
