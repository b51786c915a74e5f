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
        foreach (var layer in network.Layers)
            for (var i = 0; i < layer.Biases.Length; i++) layer.Biases[i] = (float)(0.1 * random.NextGaussian());
        var input = Enumerable.Range(0, Batch * widths[0]).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, Batch).Select(_ => (byte)random.NextInt(widths[^1])).ToArray();
        var workspace = new NetworkWorkspace(network, Batch);
        var mask = dropout > 0 ? new DropoutMask(dropout, seed: 11, epoch: 1, batch: 0) : default;
        var objective = Objective();
        if (mask.IsActive) AssertTheMaskThinsEveryHiddenLayer(workspace, mask, widths);
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
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            for (var i = 0; i < layer.Weights.Length; i++)
                AssertClose(weightGradients[l][i], Numerical(layer.Weights, i), $"dW[{l}][{i}]");
            for (var i = 0; i < layer.Biases.Length; i++)
                AssertClose(biasGradients[l][i], Numerical(layer.Biases, i), $"db[{l}][{i}]");
        }

        double Numerical(float[] parameters, int index)
        {
            const float step = 1e-3f;
            var original = parameters[index];
            parameters[index] = original + step;
            var plus = Objective();
            parameters[index] = original - step;
            var minus = Objective();
            parameters[index] = original;
            return (plus - minus) / (2 * step);
        }

        double Objective()
        {
            var logits = workspace.Forward(input, Batch, mask);
            var (sum, _) = SoftmaxCrossEntropy.LossAndCorrect(logits, labels, Batch, widths[^1]);
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

    private static void AssertClose(double analytic, double numerical, string what)
    {
        var tolerance = 2e-3 + 2e-2 * Math.Abs(numerical);
        Assert.True(Math.Abs(analytic - numerical) <= tolerance,
            $"{what}: analytic {analytic:G6} vs finite difference {numerical:G6}");
    }
}
