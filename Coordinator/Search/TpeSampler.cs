using Sweep.Engine.Randomness;

namespace Sweep.Coordinator.Search;

/// <summary>
/// The Tree-structured Parzen Estimator (Bergstra et al. 2011), univariate as in Optuna's default TPESampler: the
/// observations are split at γ(n) into good (lowest losses) and bad; for each dimension a Parzen estimator l(x) is fit
/// to the good values and g(x) to the bad, <see cref="TpeOptions.Candidates"/> candidates are drawn from l, and the
/// one with the largest l(x)/g(x) (the expected-improvement maximiser) is proposed. Until
/// <see cref="TpeOptions.StartupTrials"/> observations exist it draws uniformly. Older observations weigh less once
/// there are more than 25 (Optuna's ramp), so the model follows the search. Deterministic: the same observations in
/// the same order and the same seed give the same point, on any machine with IEEE doubles.
/// </summary>
public sealed class TpeSampler(IReadOnlyList<SearchDimension> space, TpeOptions? options = null)
{
    private readonly TpeOptions _options = options ?? new TpeOptions();

    public IReadOnlyList<SearchDimension> Space => space;

    /// <param name="observed">Earlier proposals in proposal order (the order decides the weights and ties).</param>
    /// <param name="seed">This proposal's seed; the caller derives it from the sweep's seed and the proposal's number.</param>
    public double[] Propose(IReadOnlyList<Observation> observed, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        if (observed.Count < _options.StartupTrials) return space.Select(dimension => dimension.DrawUniform(random)).ToArray();

        var goodCount = Math.Clamp(_options.Gamma(observed.Count), 1, observed.Count);
        // Stable order: ties in loss go to the earlier proposal, so the split never depends on sorting details.
        var ranked = Enumerable.Range(0, observed.Count).OrderBy(i => observed[i].Loss).ThenBy(i => i).ToArray();
        var good = ranked.Take(goodCount).Order().ToArray();
        var bad = ranked.Skip(goodCount).Order().ToArray();
        var weights = RecencyWeights(observed.Count);

        var point = new double[space.Count];
        for (var d = 0; d < space.Count; d++)
        {
            var goodValues = good.Select(i => observed[i].Point[d]).ToArray();
            var badValues = bad.Select(i => observed[i].Point[d]).ToArray();
            var goodWeights = good.Select(i => weights[i]).ToArray();
            var badWeights = bad.Select(i => weights[i]).ToArray();
            point[d] = space[d] switch
            {
                NumericDimension numeric => numeric.FromModel(MostPromising(
                    new NumericParzen(numeric, goodValues, goodWeights, _options.PriorWeight),
                    new NumericParzen(numeric, badValues, badWeights, _options.PriorWeight), random)),
                CategoricalDimension categorical => MostPromising(
                    new CategoricalParzen(categorical, goodValues, goodWeights, _options.PriorWeight),
                    new CategoricalParzen(categorical, badValues, badWeights, _options.PriorWeight), random),
                _ => throw new InvalidOperationException($"no Parzen estimator for {space[d].GetType().Name}"),
            };
        }
        return point;
    }

    /// <summary>Of the candidates drawn from the good density, the one with the largest log l(x) − log g(x) (first wins ties).</summary>
    private double MostPromising(IParzenEstimator good, IParzenEstimator bad, DeterministicRandom random)
    {
        var best = good.Draw(random);
        var bestScore = good.LogDensity(best) - bad.LogDensity(best);
        for (var c = 1; c < _options.Candidates; c++)
        {
            var candidate = good.Draw(random);
            var score = good.LogDensity(candidate) - bad.LogDensity(candidate);
            if (score > bestScore) (best, bestScore) = (candidate, score);
        }
        return best;
    }

    /// <summary>Optuna's default weights: all 1 up to 25 observations; beyond, the newest 25 weigh 1 and older ones ramp up from 1/n.</summary>
    public static double[] RecencyWeights(int n)
    {
        const int flat = 25;
        var weights = new double[n];
        if (n <= flat)
        {
            Array.Fill(weights, 1.0);
            return weights;
        }
        var ramp = n - flat;
        for (var i = 0; i < ramp; i++) weights[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
        for (var i = ramp; i < n; i++) weights[i] = 1.0;
        return weights;
    }
}
