namespace Sweep.Coordinator.Search;

/// <summary>One parameter a sampler chooses: a number in a range, or one of a list of choices (by index).</summary>
public abstract record SearchDimension
{
    /// <summary>A value drawn uniformly (in log space where the dimension is log-scaled).</summary>
    public abstract double DrawUniform(Engine.Randomness.DeterministicRandom random);
}
