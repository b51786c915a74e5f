using Sweep.Engine.Model;
using Sweep.Engine.Randomness;

namespace Sweep.Engine.Tests.Model;

/// <summary>Analytic gradients of every layer, with and without L2, against central finite differences.</summary>
public class GradientCheckTests
{
    private const int Batch = 7;

    [Theory]
    [InlineData(new[] { 6, 4 }, 0.0)]          // softmax regression
    [InlineData(new[] { 6, 4 }, 0.1)]
    [InlineData(new[] { 6, 5, 4 }, 0.0)]       // one hidden layer
    [InlineData(new[] { 6, 5, 4 }, 0.1)]
    [InlineData(new[] { 6, 5, 3, 4 }, 0.0)]    // two hidden layers
    [InlineData(new[] { 6, 5, 3, 4 }, 0.1)]
    public void AnalyticGradients_MatchFiniteDifferences_ForEveryWeightAndBias(int[] widths, double lambda)
    {
        var random = new DeterministicRandom(42);
        // Large enough weights that ReLUs are a mix of on and off, and non-zero biases so their gradients matter.
        var network = Network.Create(widths, WeightInit.He, random);
        foreach (var layer in network.Layers)
            for (var i = 0; i < layer.Biases.Length; i++) layer.Biases[i] = (float)(0.1 * random.NextGaussian());
        var input = Enumerable.Range(0, Batch * widths[0]).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, Batch).Select(_ => (byte)random.NextInt(widths[^1])).ToArray();
        var workspace = new NetworkWorkspace(network, Batch);

        workspace.Forward(input, Batch);
        workspace.Backward(input, labels, Batch, (float)lambda);
        var analytic = workspace.Gradients;

        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            for (var i = 0; i < layer.Weights.Length; i++)
                AssertClose(analytic.Weights[l][i], Numerical(layer.Weights, i), $"dW[{l}][{i}]");
            for (var i = 0; i < layer.Biases.Length; i++)
                AssertClose(analytic.Biases[l][i], Numerical(layer.Biases, i), $"db[{l}][{i}]");
        }

        double Numerical(float[] parameters, int index)
        {
            const float step = 1e-3f;
            var original = parameters[index];
            parameters[index] = original + step;
            var plus = Loss();
            parameters[index] = original - step;
            var minus = Loss();
            parameters[index] = original;
            return (plus - minus) / (2 * step);
        }

        double Loss()
        {
            var logits = workspace.Forward(input, Batch);
            var (sum, _) = SoftmaxCrossEntropy.LossAndCorrect(logits, labels, Batch, widths[^1]);
            return sum / Batch + L2Penalty.Value(network, lambda);
        }
    }

    [Fact]
    public void L2Gradient_IsLambdaTimesWeights_AndLeavesBiasesAlone()
    {
        var network = Network.Create([3, 2], WeightInit.He, new DeterministicRandom(1));
        var input = new float[3];
        var labels = new byte[] { 0 };
        var withoutL2 = new NetworkWorkspace(network, 1);
        withoutL2.Forward(input, 1);
        withoutL2.Backward(input, labels, 1, 0f);
        var withL2 = new NetworkWorkspace(network, 1);
        withL2.Forward(input, 1);
        withL2.Backward(input, labels, 1, 0.5f);

        var weights = network.Layers[0].Weights;
        for (var i = 0; i < weights.Length; i++)
            Assert.Equal(withoutL2.Gradients.Weights[0][i] + 0.5f * weights[i], withL2.Gradients.Weights[0][i], 6);
        Assert.Equal(withoutL2.Gradients.Biases[0], withL2.Gradients.Biases[0]);
        Assert.Equal(0.5 * 0.5 * weights.Sum(w => (double)w * w), L2Penalty.Value(network, 0.5), 9);
    }

    private static void AssertClose(double analytic, double numerical, string what)
    {
        var tolerance = 2e-3 + 2e-2 * Math.Abs(numerical);
        Assert.True(Math.Abs(analytic - numerical) <= tolerance,
            $"{what}: analytic {analytic:G6} vs finite difference {numerical:G6}");
    }
}
