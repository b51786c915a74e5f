namespace Sweep.Engine.Randomness;

/// <summary>Everything a <see cref="DeterministicRandom"/> will draw next depends on: its four words and a kept Gaussian.</summary>
public readonly record struct RandomState(ulong S0, ulong S1, ulong S2, ulong S3, double? SpareGaussian);
