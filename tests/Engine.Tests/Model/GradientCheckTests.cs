using Sweep.Engine.Model;
using Sweep.Engine.Randomness;
using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Model;

/// <summary>
/// The gradient training follows, against central finite differences of the objective it is meant to minimise:
/// mean cross-entropy + 0.5·λ·‖W‖² over the weights (never the biases), for every layer, L2 off then on.
/// The gradient is read off one real <see cref="TrainingStep"/> (Backward, then the optimiser adding λ·W and updating)
/// with learning rate 1 and no momentum: g = θ − θ'. The objective is computed here, independently of the Engine's
/// loss bookkeeping, and the step's reported loss must equal it. With dropout the mask is fixed (one step's
/// <see cref="DropoutMask"/>), so the objective is that of one thinned network, smooth away from ReLU kinks.
/// </summary>
public class GradientCheckTests
{
    private const int Batch = 7;

    [Theory]
    [InlineData(new[] { 6, 4 }, 0.0, 0.0)]          // softmax regression
    [InlineData(new[] { 6, 4 }, 0.1, 0.0)]
    [InlineData(new[] { 6, 5, 4 }, 0.0, 0.0)]       // one hidden layer
    [InlineData(new[] { 6, 5, 4 }, 0.1, 0.0)]
    [InlineData(new[] { 6, 5, 3, 4 }, 0.0, 0.0)]    // two hidden layers
    [InlineData(new[] { 6, 5, 3, 4 }, 0.1, 0.0)]
    [InlineData(new[] { 6, 5, 4 }, 0.0, 0.5)]       // dropout after the hidden layer
    [InlineData(new[] { 6, 5, 3, 4 }, 0.1, 0.5)]    // dropout after both hidden layers
    [InlineData(new[] { 6, 8, 7, 4 }, 0.0, 0.3)]
    public void TheTrainingStepsGradient_MatchesFiniteDifferencesOfTheRegularisedLoss_ForEveryWeightAndBias(int[] widths, double lambda, double dropout)
    {
        var random = new DeterministicRandom(42);
        // Large enough weights that ReLUs are a mix of on and off, and non-zero biases so their gradients matter.
        var network = Network.Create(widths, WeightInit.He, random);
        Check(network, random, lambda, dropout, workspace => AssertTheMaskThinsEveryHiddenLayer(workspace, new DropoutMask(dropout, seed: 11, epoch: 1, batch: 0), widths));
    }

    /// <summary>
    /// Convolutions (same and valid, k 1, 3 and 5, several channels), pools on even and odd sides and whole
    /// conv→pool→conv→pool→fc→fc nets on small synthetic images, layer by layer, L2 off and on, with dropout on the fc layers.
    /// </summary>
    [Theory]
    [InlineData("conv3x3:3", 5, 5, 1, 0.0, 0.0)]
    [InlineData("conv3x3:3", 5, 6, 2, 0.1, 0.0)]
    [InlineData("conv1x1:4", 4, 4, 3, 0.0, 0.0)]
    [InlineData("conv5x5:2", 6, 5, 2, 0.0, 0.0)]
    [InlineData("conv3x3:4:valid", 6, 6, 2, 0.1, 0.0)]
    [InlineData("conv5x5:3:valid", 7, 6, 1, 0.0, 0.0)]
    [InlineData("pool2", 4, 4, 2, 0.0, 0.0)]
    [InlineData("pool2", 5, 7, 3, 0.0, 0.0)]
    [InlineData("conv3x3:4,pool2", 5, 5, 2, 0.0, 0.0)]
    [InlineData("conv3x3:4,pool2,conv3x3:5,pool2,fc:6", 8, 8, 1, 0.0, 0.0)]
    [InlineData("conv3x3:4,pool2,conv3x3:5,pool2,fc:6", 9, 9, 2, 0.1, 0.3)]
    [InlineData("conv5x5:3,conv3x3:2:valid,fc:5", 6, 6, 1, 0.0, 0.0)]
    public void TheTrainingStepsGradient_MatchesFiniteDifferences_ForConvolutionalAndPoolingLayers(string layers, int height, int width, int channels, double lambda, double dropout)
    {
        var random = new DeterministicRandom(42);
        var network = Network.Create(new ImageShape(height, width, channels), LayerSpec.ParseList(layers), 4, WeightInit.He, random);
        Check(network, random, lambda, dropout, _ => { });
    }

    /// <summary>
    /// A first fc layer wide enough for <see cref="InputColumnCompaction"/> (blank input columns skipped, two segments'
    /// products summed, the bias gradient taken beside the weight gradient) and, past one thread, the output layer run
    /// by blocks of rows (<see cref="FullyConnectedRows"/>), with and without dropout.
    /// </summary>
    [Theory]
    [InlineData(1, 0.0, 0.0)]
    [InlineData(2, 0.1, 0.0)]
    [InlineData(2, 0.0, 0.5)]
    [InlineData(3, 0.1, 0.3)]
    public void TheTrainingStepsGradient_MatchesFiniteDifferences_ForACompactedFirstLayer_OnOneToThreeThreads(int threads, double lambda, double dropout)
    {
        var random = new DeterministicRandom(42);
        int[] widths = [12, InputColumnCompaction.MinimumOutFeatures, 4];
        var network = Network.Create(widths, WeightInit.He, random);
        Check(network, random, lambda, dropout, _ => { }, threads, blankColumns: 3);
    }

    /// <param name="blankColumns">Input columns zero in every row (the first ones), which a compacted first layer skips.</param>
    private static void Check(Network network, DeterministicRandom random, double lambda, double dropout, Action<NetworkWorkspace> checkMask,
        int threads = 1, int blankColumns = 0)
    {
        foreach (var layer in network.Layers)
            for (var i = 0; i < layer.Biases.Length; i++) layer.Biases[i] = (float)(0.1 * random.NextGaussian());
        var input = Enumerable.Range(0, Batch * network.InFeatures)
            .Select(i => i % network.InFeatures < blankColumns ? 0f : (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, Batch).Select(_ => (byte)random.NextInt(network.Classes)).ToArray();
        var workspace = new NetworkWorkspace(network, Batch, threads);
        Assert.Equal(network.Stages[0].Kind == LayerKind.FullyConnected && network.Layers[0].OutFeatures >= InputColumnCompaction.MinimumOutFeatures,
            workspace.TakesPixelRows);
        var mask = dropout > 0 ? new DropoutMask(dropout, seed: 11, epoch: 1, batch: 0) : default;
        var objective = Objective();
        if (mask.IsActive) checkMask(workspace);
        var weightsBefore = network.Layers.Select(layer => layer.Weights.ToArray()).ToArray();
        var biasesBefore = network.Layers.Select(layer => layer.Biases.ToArray()).ToArray();

        var reported = TrainingStep.Run(network, workspace, new SgdOptimizer(network, learningRate: 1, momentum: 0, weightDecay: lambda),
            input, labels, Batch, mask);

        Assert.Equal(objective, reported, 1e-6);
        var weightGradients = network.Layers.Select((layer, l) => Stepped(weightsBefore[l], layer.Weights)).ToArray();
        var biasGradients = network.Layers.Select((layer, l) => Stepped(biasesBefore[l], layer.Biases)).ToArray();
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            weightsBefore[l].CopyTo(layer.Weights, 0);
            biasesBefore[l].CopyTo(layer.Biases, 0);
        }
        var (checkedCount, kinks) = (0, 0);
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            for (var i = 0; i < layer.Weights.Length; i++)
                Compare(weightGradients[l][i], layer.Weights, i, $"dW[{l}][{i}]");
            for (var i = 0; i < layer.Biases.Length; i++)
                Compare(biasGradients[l][i], layer.Biases, i, $"db[{l}][{i}]");
        }
        // Many ReLUs and pool windows make a kink within a step of some parameters likely; never of more than a few.
        Assert.True(kinks <= checkedCount / 20, $"{kinks} of {checkedCount} parameters sit on a kink");

        void Compare(double analytic, float[] parameters, int index, string what)
        {
            const float step = 1e-3f;
            var original = parameters[index];
            parameters[index] = original + step;
            var plus = Objective();
            parameters[index] = original - step;
            var minus = Objective();
            parameters[index] = original;
            checkedCount++;
            // Where a ReLU or a pool's maximum switches within the step, the one-sided slopes disagree and the central
            // difference is no derivative: skip that parameter (counted above), as smooth points agree to O(step).
            var (right, left) = ((plus - objective) / step, (objective - minus) / step);
            if (Math.Abs(right - left) > Tolerance(right))
            {
                kinks++;
                return;
            }
            AssertClose(analytic, (plus - minus) / (2 * step), what);
        }

        double Objective()
        {
            var logits = workspace.Forward(input, Batch, mask);
            var (sum, _) = SoftmaxCrossEntropy.LossAndCorrect(logits, labels, Batch, network.Classes);
            var weightSquares = network.Layers.Sum(layer => layer.Weights.Sum(w => (double)w * w));
            return sum / Batch + 0.5 * lambda * weightSquares;
        }
    }

    /// <summary>The mask is the one given: a hidden unit it drops is zero, and it drops some units of every hidden layer but not all.</summary>
    private static void AssertTheMaskThinsEveryHiddenLayer(NetworkWorkspace workspace, DropoutMask mask, int[] widths)
    {
        for (var l = 0; l + 2 < widths.Length; l++)
        {
            var activations = workspace.Activations(l, Batch);
            var dropped = 0;
            for (var row = 0; row < Batch; row++)
                for (var unit = 0; unit < widths[l + 1]; unit++)
                {
                    if (mask.Keeps(l, row, unit)) continue;
                    dropped++;
                    Assert.Equal(0f, activations[row * widths[l + 1] + unit]);
                }
            Assert.InRange(dropped, 1, Batch * widths[l + 1] - 1);
        }
    }

    /// <summary>With learning rate 1 and no momentum a step is θ' = θ − g, so g = θ − θ'.</summary>
    private static double[] Stepped(float[] before, float[] after) => before.Select((value, i) => (double)value - after[i]).ToArray();

    private static double Tolerance(double numerical) => 2e-3 + 2e-2 * Math.Abs(numerical);

    private static void AssertClose(double analytic, double numerical, string what)
    {
        var tolerance = Tolerance(numerical);
        Assert.True(Math.Abs(analytic - numerical) <= tolerance,
            $"{what}: analytic {analytic:G6} vs finite difference {numerical:G6}");
    }
}
