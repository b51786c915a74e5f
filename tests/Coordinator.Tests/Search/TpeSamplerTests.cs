using Sweep.Coordinator.Search;
using Sweep.Engine.Randomness;
using Xunit.Abstractions;

namespace Sweep.Coordinator.Tests.Search;

/// <summary>
/// TPE against uniform random sampling on analytic functions whose minimum is known: how many evaluations each needs
/// to come within a tolerance of the minimum, median over seeds. Random sampling is the same sampler with a startup
/// phase longer than the budget, so both draw from the same streams.
/// </summary>
public sealed class TpeSamplerTests(ITestOutputHelper output)
{
    private const int Budget = 400;
    private static readonly ulong[] Seeds = [1, 2, 3, 4, 5, 6, 7];

    private static double Quadratic(double[] p) => Math.Pow(p[0] - 1.3, 2) + Math.Pow(p[1] + 0.7, 2);

    /// <summary>Branin-Hoo: three global minima of 0.397887 in [−5, 10] × [0, 15].</summary>
    private static double Branin(double[] p)
    {
        var (x, y) = (p[0], p[1]);
        const double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        return Math.Pow(y - b * x * x + c * x - 6, 2) + 10 * (1 - t) * Math.Cos(x) + 10;
    }

    [Fact]
    public void FindsTheMinimumOfA2DQuadratic_InFewerThanHalfTheEvaluationsOfRandom()
    {
        SearchDimension[] space = [new NumericDimension(-5, 5), new NumericDimension(-5, 5)];
        AssertFasterThanRandom(space, Quadratic, target: 0.05);
    }

    [Fact]
    public void FindsTheMinimumOfBranin_InFewerThanHalfTheEvaluationsOfRandom()
    {
        SearchDimension[] space = [new NumericDimension(-5, 10), new NumericDimension(0, 15)];
        AssertFasterThanRandom(space, Branin, target: 0.397887 + 0.05);
    }

    [Fact]
    public void FindsTheBestChoiceAndALogScaledOptimum()
    {
        // Loss: choice 2 of 5 is best; the number is best at 1e-3 on a log axis over six decades.
        SearchDimension[] space = [new CategoricalDimension(5), new NumericDimension(1e-6, 1, log: true)];
        double Loss(double[] p) => (p[0] == 2 ? 0 : 1) + Math.Pow(Math.Log10(p[1]) + 3, 2);
        AssertFasterThanRandom(space, Loss, target: 0.02);
    }

    [Fact]
    public void Propose_IsAFunctionOfTheObservationsAndTheSeed()
    {
        SearchDimension[] space = [new NumericDimension(-5, 10), new NumericDimension(1, 64, integer: true), new CategoricalDimension(3)];
        var sampler = new TpeSampler(space);
        var random = new DeterministicRandom(9);
        var observed = Enumerable.Range(0, 30)
            .Select(_ => new Observation(space.Select(d => d.DrawUniform(random)).ToArray(), random.NextDouble())).ToList();

        var first = sampler.Propose(observed, seed: 42);
        Assert.Equal(first, sampler.Propose(observed, seed: 42));
        Assert.NotEqual(first, sampler.Propose(observed, seed: 43));
        Assert.Equal(Math.Round(first[1]), first[1]);
        Assert.InRange(first[1], 1, 64);
        Assert.Contains(first[2], new[] { 0.0, 1, 2 });
    }

    [Fact]
    public void ARunningTrialWithoutAValue_PushesProposalsAwayFromIt()
    {
        // Constant liar: twenty good points near 0 and one pending (+∞) point there too make the next proposals
        // differ from what the same history without the pending point proposes.
        SearchDimension[] space = [new NumericDimension(-10, 10)];
        var sampler = new TpeSampler(space);
        var observed = Enumerable.Range(0, 20).Select(i => new Observation([i - 10.0], Math.Abs(i - 10.0))).ToList();
        var withLiar = observed.Append(new Observation([0.0], double.PositiveInfinity)).ToList();
        var differ = Enumerable.Range(0, 20).Count(seed => sampler.Propose(observed, (ulong)seed)[0] != sampler.Propose(withLiar, (ulong)seed)[0]);
        Assert.True(differ > 10, $"the pending point changed only {differ} of 20 proposals");
    }

    [Fact]
    public void RecencyWeights_AreOptunasRamp()
    {
        Assert.Equal(Enumerable.Repeat(1.0, 25), TpeSampler.RecencyWeights(25));
        var weights = TpeSampler.RecencyWeights(35);
        Assert.Equal(1.0 / 35, weights[0], 12);
        Assert.Equal(1.0, weights[9], 12);
        Assert.All(weights[10..], weight => Assert.Equal(1.0, weight));
        Assert.True(weights.Zip(weights.Skip(1)).All(pair => pair.First <= pair.Second));
    }

    private void AssertFasterThanRandom(SearchDimension[] space, Func<double[], double> loss, double target)
    {
        var tpe = Seeds.Select(seed => EvaluationsToReach(new TpeSampler(space), loss, target, seed)).Order().ToArray();
        var random = Seeds.Select(seed => EvaluationsToReach(new TpeSampler(space, new TpeOptions { StartupTrials = int.MaxValue }), loss, target, seed))
            .Order().ToArray();
        var (tpeMedian, randomMedian) = (tpe[Seeds.Length / 2], random[Seeds.Length / 2]);
        output.WriteLine($"evaluations to reach {target}: TPE {string.Join(' ', tpe)} (median {tpeMedian}); random {string.Join(' ', random)} (median {randomMedian})");
        Assert.True(tpeMedian * 2 <= randomMedian, $"TPE needed {tpeMedian} evaluations (median), random {randomMedian}");
    }

    /// <summary>Evaluations until the loss is at most <paramref name="target"/>; <see cref="Budget"/> + 1 when never.</summary>
    private static int EvaluationsToReach(TpeSampler sampler, Func<double[], double> loss, double target, ulong seed)
    {
        var observed = new List<Observation>();
        for (var i = 0; i < Budget; i++)
        {
            var point = sampler.Propose(observed, DeterministicRandom.Mix(seed * 1000 + (ulong)i));
            var value = loss(point);
            if (value <= target) return i + 1;
            observed.Add(new Observation(point, value));
        }
        return Budget + 1;
    }
}
