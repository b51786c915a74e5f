using Sweep.Engine.Randomness;

namespace Sweep.Coordinator.Search;

/// <summary>
/// A Parzen estimator of one categorical dimension: each observation's weight on the choice it made, plus the
/// prior's weight spread evenly over every choice, so no choice ever has probability zero.
/// </summary>
public sealed class CategoricalParzen : IParzenEstimator
{
    private readonly double[] _probabilities;

    public CategoricalParzen(CategoricalDimension dimension, IReadOnlyList<double> values, IReadOnlyList<double> weights, double priorWeight)
    {
        var mass = new double[dimension.Count];
        Array.Fill(mass, priorWeight / dimension.Count);
        for (var i = 0; i < values.Count; i++) mass[(int)values[i]] += weights[i];
        _probabilities = NumericParzen.Normalised(mass);
    }

    public double Draw(DeterministicRandom random) => NumericParzen.Pick(_probabilities, random.NextDouble());

    public double LogDensity(double modelled) => Math.Log(_probabilities[(int)modelled]);
}
