using Sweep.Engine.Model;
using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

/// <summary>
/// Each optimiser's first two steps on a single 2→1 layer with gradients set by hand, against the textbook rule
/// written out in doubles (not the optimisers' own arrangement of it): W = [0.5, −1.5], b = [0.25], step 1 gradients
/// ∇W = [0.2, −0.4], ∇b = [0.1]; step 2 ∇W = [−0.3, 0.05], ∇b = [0.2]. The float results must agree within a few
/// float ulps. λ = 0.1 throughout, so decaying a bias by mistake, or L2 where decay should be decoupled, shows.
/// </summary>
public sealed class OptimizerStepTests
{
    private const double Lambda = 0.1, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    private static readonly double[] W0 = [0.5, -1.5];
    private const double B0 = 0.25;
    private static readonly double[][] WeightGradients = [[0.2, -0.4], [-0.3, 0.05]];
    private static readonly double[] BiasGradients = [0.1, 0.2];

    [Fact]
    public void Nesterov_TwoSteps_AreVEqualsMuVPlusG_ThenThetaMinusRateTimesGPlusMuV()
    {
        const double rate = 0.1, mu = 0.9;
        var velocity = new double[3];

        // Weight 0, step 1: g = 0.2 + 0.1·0.5 = 0.25; v = 0.25; W = 0.5 − 0.1·(0.25 + 0.9·0.25) = 0.4525.
        // Step 2: g = −0.3 + 0.1·0.4525 = −0.25475; v = 0.9·0.25 − 0.25475 = −0.02975;
        //         W = 0.4525 − 0.1·(−0.25475 + 0.9·−0.02975) = 0.4806525.
        var network = AssertTwoSteps("nesterov", network => new NesterovOptimizer(network, rate, mu, Lambda), (t, i, theta, gradient) =>
        {
            var g = gradient + (IsWeight(i) ? Lambda * theta : 0);
            velocity[i] = mu * velocity[i] + g;
            return theta - rate * (g + mu * velocity[i]);
        });
        AssertClose(0.4806525, network.Layers[0].Weights[0], "the worked example");
    }

    [Fact]
    public void Adam_TwoSteps_AreKingmaAndBaWithBiasCorrection_AndL2InTheGradientOfWeightsOnly()
    {
        const double rate = 0.01;
        var (m, v) = (new double[3], new double[3]);

        // Weight 0, step 1: g = 0.25, m = 0.025, v = 6.25e-5, m̂ = 0.25, v̂ = 0.0625, W = 0.5 − 0.01·0.25/(0.25 + 1e-8) ≈ 0.49.
        AssertTwoSteps("adam", network => new AdamOptimizer(network, rate, Beta1, Beta2, Epsilon, Lambda, decoupled: false),
            (t, i, theta, gradient) => AdamRule(theta, gradient + (IsWeight(i) ? Lambda * theta : 0), ref m[i], ref v[i], rate, t));
    }

    [Fact]
    public void AdamW_TwoSteps_DecayWeightsByRateTimesLambda_ApartFromTheAdaptiveStep_AndNeverBiases()
    {
        const double rate = 0.01;
        var (m, v) = (new double[3], new double[3]);

        AssertTwoSteps("adamw", network => new AdamOptimizer(network, rate, Beta1, Beta2, Epsilon, Lambda, decoupled: true),
            (t, i, theta, gradient) => AdamRule(theta, gradient, ref m[i], ref v[i], rate, t) - (IsWeight(i) ? rate * Lambda * theta : 0));
    }

    [Fact]
    public void AdamAndAdamW_WithoutWeightDecay_TakeTheSameSteps()
    {
        var (adamNetwork, gradients) = Layer();
        var (adamWNetwork, _) = Layer();
        var adam = new AdamOptimizer(adamNetwork, 0.01, Beta1, Beta2, Epsilon, weightDecay: 0, decoupled: false);
        var adamW = new AdamOptimizer(adamWNetwork, 0.01, Beta1, Beta2, Epsilon, weightDecay: 0, decoupled: true);

        for (var step = 0; step < 2; step++)
        {
            Step(adam, adamNetwork, gradients, step);
            Step(adamW, adamWNetwork, gradients, step);
        }

        Assert.Equal(adamNetwork.Layers[0].Weights, adamWNetwork.Layers[0].Weights);
        Assert.Equal(adamNetwork.Layers[0].Biases, adamWNetwork.Layers[0].Biases);
    }

    [Fact]
    public void EveryOptimizer_ReturnsTheSumOfSquaredWeightsBeforeItsUpdate()
    {
        foreach (var kind in Enum.GetValues<OptimizerKind>())
        {
            var (network, gradients) = Layer();
            var optimizer = Optimizers.Create(network, new TrainingOptions { Optimizer = kind, Lambda = Lambda, Momentum = 0.5 });

            var squares = Step(optimizer, network, gradients, 0);

            Assert.Equal(0.5 * 0.5 + 1.5 * 1.5, squares, 1e-12);
            Assert.Equal(kind == OptimizerKind.AdamW ? 0 : Lambda, optimizer.LossLambda);
        }
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)] // with heavy-ball momentum 0.9
    [InlineData(OptimizerKind.Nesterov)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    public void OnALayerLargerThanABlock_TheVectorLoopAndTheTailsFollowTheSameRule(OptimizerKind kind)
    {
        // 70×61 = 4270 weights: one 4096-value block, then a block of 174 = 10 vectors + a tail (Vector512 or 256).
        var random = new Sweep.Engine.Randomness.DeterministicRandom(3);
        var layer = new DenseLayer(70, 61, Enumerable.Range(0, 70 * 61).Select(_ => (float)random.NextGaussian()).ToArray(), new float[61]);
        var network = new Network([layer]);
        var gradients = new Gradients(network);
        var rate = kind is OptimizerKind.Nesterov or OptimizerKind.Sgd ? 0.1 : 0.01;
        var optimizer = Optimizers.Create(network, new TrainingOptions { Optimizer = kind, LearningRate = rate, Lambda = Lambda, Momentum = 0.9 });
        var w = layer.Weights.Select(x => (double)x).ToArray();
        var (first, second) = (new double[w.Length], new double[w.Length]);

        for (var t = 1; t <= 2; t++)
        {
            for (var i = 0; i < w.Length; i++) gradients.Weights[0][i] = (float)random.NextGaussian();
            optimizer.Step(network, gradients);
            for (var i = 0; i < w.Length; i++)
            {
                var g = gradients.Weights[0][i] + (kind == OptimizerKind.AdamW ? 0 : Lambda * w[i]);
                if (kind == OptimizerKind.Sgd)
                {
                    first[i] = 0.9 * first[i] - rate * g;
                    w[i] += first[i];
                }
                else if (kind == OptimizerKind.Nesterov)
                {
                    first[i] = 0.9 * first[i] + g;
                    w[i] -= rate * (g + 0.9 * first[i]);
                }
                else
                {
                    var decay = kind == OptimizerKind.AdamW ? rate * Lambda * w[i] : 0;
                    w[i] = AdamRule(w[i], g, ref first[i], ref second[i], rate, t) - decay;
                }
                // Gradients ~ N(0, 1): the sums inside a step round at the scale of 1, which lr shrinks to that of 0.5 or less.
                AssertClose(w[i], layer.Weights[i], $"{kind} step {t} W[{i}]", floor: 0.5);
            }
        }
    }

    /// <summary>One Adam update of a parameter at step t, as in Kingma &amp; Ba's Algorithm 1.</summary>
    private static double AdamRule(double theta, double g, ref double m, ref double v, double rate, int t)
    {
        m = Beta1 * m + (1 - Beta1) * g;
        v = Beta2 * v + (1 - Beta2) * g * g;
        var mHat = m / (1 - Math.Pow(Beta1, t));
        var vHat = v / (1 - Math.Pow(Beta2, t));
        return theta - rate * mHat / (Math.Sqrt(vHat) + Epsilon);
    }

    /// <summary>
    /// Two steps of the optimiser <paramref name="create"/> makes, each compared with <paramref name="rule"/>(t, index,
    /// value, gradient) → the new value, over the parameters W[0], W[1], b (indices 0, 1, 2); the rule keeps its own state.
    /// </summary>
    private static Network AssertTwoSteps(string name, Func<Network, Optimizer> create, Func<int, int, double, double, double> rule)
    {
        var (network, gradients) = Layer();
        var optimizer = create(network);
        double[] expected = [W0[0], W0[1], B0];
        for (var step = 0; step < 2; step++)
        {
            Step(optimizer, network, gradients, step);
            double[] gradient = [WeightGradients[step][0], WeightGradients[step][1], BiasGradients[step]];
            for (var i = 0; i < expected.Length; i++) expected[i] = rule(step + 1, i, expected[i], gradient[i]);
            AssertLayer([expected[0], expected[1]], expected[2], network, $"{name} step {step + 1}");
        }
        return network;
    }

    private static bool IsWeight(int index) => index < 2;

    private static (Network Network, Gradients Gradients) Layer()
    {
        var network = new Network([new DenseLayer(2, 1, [(float)W0[0], (float)W0[1]], [(float)B0])]);
        return (network, new Gradients(network));
    }

    private static double Step(Optimizer optimizer, Network network, Gradients gradients, int step)
    {
        gradients.Weights[0][0] = (float)WeightGradients[step][0];
        gradients.Weights[0][1] = (float)WeightGradients[step][1];
        gradients.Biases[0][0] = (float)BiasGradients[step];
        return optimizer.Step(network, gradients);
    }

    private static void AssertLayer(double[] weights, double bias, Network network, string what)
    {
        AssertClose(weights[0], network.Layers[0].Weights[0], $"{what} W[0]");
        AssertClose(weights[1], network.Layers[0].Weights[1], $"{what} W[1]");
        AssertClose(bias, network.Layers[0].Biases[0], $"{what} b");
    }

    /// <summary>
    /// Within 4 float ulps of the double (of <paramref name="floor"/> for smaller values: a step rounds at its own
    /// scale, not at that of a weight that happens to be near zero). The float arithmetic rounds a handful of times per step.
    /// </summary>
    private static void AssertClose(double expected, float actual, string what, double floor = 0.05)
    {
        var magnitude = (float)Math.Max(Math.Abs(expected), floor);
        var ulp = MathF.BitIncrement(magnitude) - magnitude;
        Assert.True(Math.Abs(expected - actual) <= 4 * ulp, $"{what}: expected {expected:G10}, got {actual:G10} ({Math.Abs(expected - actual) / ulp:F1} ulps)");
    }
}
