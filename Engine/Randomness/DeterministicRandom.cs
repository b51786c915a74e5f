namespace Sweep.Engine.Randomness;

/// <summary>
/// xoshiro256** seeded through SplitMix64: the same seed gives the same stream on every machine and runtime,
/// which System.Random does not promise. Used for weight initialisation and epoch shuffles.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareGaussian;

    public DeterministicRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>Where the stream stands: a generator given it by <see cref="Restore"/> draws exactly what this one would.</summary>
    public RandomState State => new(_s0, _s1, _s2, _s3, _spareGaussian);

    /// <summary>Continues the stream from a <see cref="State"/> taken earlier (a training checkpoint's shuffle stream).</summary>
    public void Restore(RandomState state)
    {
        if ((state.S0 | state.S1 | state.S2 | state.S3) == 0)
            throw new ArgumentException("an all-zero xoshiro256** state is never reached from a seed and would draw only zeros");
        (_s0, _s1, _s2, _s3, _spareGaussian) = (state.S0, state.S1, state.S2, state.S3, state.SpareGaussian);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, exclusiveMax) without modulo bias (Lemire's method).</summary>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0) throw new ArgumentOutOfRangeException(nameof(exclusiveMax), exclusiveMax, "must be > 0");
        var bound = (ulong)exclusiveMax;
        var product = Math.BigMul(NextUInt64(), bound, out var low);
        if (low < bound)
        {
            var threshold = (0UL - bound) % bound;
            while (low < threshold) product = Math.BigMul(NextUInt64(), bound, out low);
        }
        return (int)product;
    }

    /// <summary>Standard normal draw (Box–Muller, polar-free form; the second value of each pair is kept).</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }
        var u1 = 1.0 - NextDouble(); // (0, 1]: log is finite
        var u2 = NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        var angle = 2.0 * Math.PI * u2;
        _spareGaussian = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>SplitMix64's increment: <see cref="Mix"/>(key + i·Golden) for i = 1, 2, … is the SplitMix64 stream of key.</summary>
    public const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>
    /// SplitMix64's output function, a bijective 64-bit mixer: hashing a counter with it gives random bits that depend
    /// on nothing but the counter, so any thread may draw any of them in any order (see <see cref="Model.DropoutMask"/>).
    /// </summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix64(ref ulong state) => Mix(state += Golden);

    private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));
}
