using Sweep.Engine.Randomness;

namespace Sweep.Coordinator.Search;

/// <summary>
/// A Parzen estimator of one numeric dimension, in the dimension's model space: a weighted mixture of normals cut
/// to the interval, one per observed value plus a wide prior at the interval's centre. Each kernel's width is the
/// larger gap to its neighbours, clipped to [range / min(100, 1 + kernels), range] ("magic clip"), as in Optuna's
/// univariate TPE: dense regions get narrow kernels, isolated points wide ones.
/// </summary>
public sealed class NumericParzen : IParzenEstimator
{
    private readonly double _low;
    private readonly double _high;
    private readonly double[] _mus;
    private readonly double[] _sigmas;
    private readonly double[] _weights;

    public NumericParzen(NumericDimension dimension, IReadOnlyList<double> values, IReadOnlyList<double> weights, double priorWeight)
    {
        _low = dimension.ModelLow;
        _high = dimension.ModelHigh;
        var range = _high - _low;
        var n = values.Count;
        var mus = values.Select(dimension.ToModel).ToArray();
        var sigmas = NeighbourGaps(mus, _low, _high);
        var minSigma = range / Math.Min(100.0, 1.0 + n + 1);
        for (var i = 0; i < n; i++) sigmas[i] = Math.Clamp(sigmas[i], minSigma, range);

        _mus = [.. mus, 0.5 * (_low + _high)];
        _sigmas = [.. sigmas, range];
        _weights = Normalised([.. weights, priorWeight]);
        if (range == 0) Array.Fill(_sigmas, 1.0); // a one-value dimension: every kernel sits on it
    }

    /// <summary>For each value, the larger distance to its sorted neighbours (the interval's ends bound the extremes).</summary>
    private static double[] NeighbourGaps(double[] mus, double low, double high)
    {
        var order = Enumerable.Range(0, mus.Length).OrderBy(i => mus[i]).ThenBy(i => i).ToArray();
        var sorted = new double[mus.Length + 2];
        sorted[0] = low;
        sorted[^1] = high;
        for (var i = 0; i < mus.Length; i++) sorted[i + 1] = mus[order[i]];
        var gaps = new double[mus.Length];
        for (var i = 0; i < mus.Length; i++)
        {
            var gap = Math.Max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
            // The ends of the interval are not observations: the outermost kernels take their inner gap only.
            if (mus.Length >= 2 && i == 0) gap = sorted[2] - sorted[1];
            if (mus.Length >= 2 && i == mus.Length - 1) gap = sorted[^2] - sorted[^3];
            gaps[order[i]] = gap;
        }
        return gaps;
    }

    public double Draw(DeterministicRandom random)
    {
        var k = Pick(_weights, random.NextDouble());
        return TruncatedNormal.Draw(random.NextDouble(), _mus[k], _sigmas[k], _low, _high);
    }

    public double LogDensity(double modelled)
    {
        // log Σ wᵢ·pᵢ(x), summed around the largest term so tiny densities do not underflow to log 0.
        Span<double> terms = _mus.Length <= 256 ? stackalloc double[_mus.Length] : new double[_mus.Length];
        var largest = double.NegativeInfinity;
        for (var i = 0; i < _mus.Length; i++)
        {
            terms[i] = Math.Log(_weights[i]) + TruncatedNormal.LogDensity(modelled, _mus[i], _sigmas[i], _low, _high);
            largest = Math.Max(largest, terms[i]);
        }
        if (double.IsNegativeInfinity(largest)) return largest;
        var sum = 0.0;
        foreach (var term in terms) sum += Math.Exp(term - largest);
        return largest + Math.Log(sum);
    }

    internal static double[] Normalised(double[] weights)
    {
        var total = weights.Sum();
        return weights.Select(weight => weight / total).ToArray();
    }

    /// <summary>The index whose cumulative weight first exceeds <paramref name="u"/> in [0, 1).</summary>
    internal static int Pick(IReadOnlyList<double> weights, double u)
    {
        var cumulative = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            cumulative += weights[i];
            if (u < cumulative) return i;
        }
        return weights.Count - 1;
    }
}
