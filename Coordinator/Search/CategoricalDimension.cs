using Sweep.Engine.Randomness;

namespace Sweep.Coordinator.Search;

/// <summary>One of <see cref="Count"/> unordered choices; a point holds the chosen index.</summary>
public sealed record CategoricalDimension : SearchDimension
{
    public CategoricalDimension(int count)
    {
        if (count < 1) throw new ArgumentException($"a categorical dimension needs at least one choice, got {count}");
        Count = count;
    }

    public int Count { get; }

    public override double DrawUniform(DeterministicRandom random) => random.NextInt(Count);
}
