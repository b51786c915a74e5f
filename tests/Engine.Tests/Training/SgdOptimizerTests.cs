using Sweep.Engine.Model;
using Sweep.Engine.Randomness;
using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

public class SgdOptimizerTests
{
    [Fact]
    public void Step_WithWeightDecay_MovesAgainstTheGradientCheckedRegularisedGradient_AndReturnsWeightSquares()
    {
        // The trainer lets the optimiser add λ·W; the gradient check covers Backward(λ). Both must agree.
        const float lambda = 0.3f, rate = 0.1f;
        var network = Network.Create([6, 5, 3], WeightInit.He, new DeterministicRandom(8));
        var random = new DeterministicRandom(9);
        var input = Enumerable.Range(0, 4 * 6).Select(_ => (float)random.NextDouble()).ToArray();
        byte[] labels = [0, 1, 2, 1];
        var workspace = new NetworkWorkspace(network, 4);
        workspace.Forward(input, 4);
        workspace.Backward(input, labels, 4, lambda);
        var expected = network.Layers.Select((layer, l) =>
            layer.Weights.Select((w, i) => w - rate * workspace.Gradients.Weights[l][i]).ToArray()).ToArray();
        var expectedBiases = network.Layers.Select((layer, l) =>
            layer.Biases.Select((b, i) => b - rate * workspace.Gradients.Biases[l][i]).ToArray()).ToArray();
        var expectedSquares = network.Layers.Sum(layer => layer.Weights.Sum(w => (double)w * w));

        workspace.Forward(input, 4);
        workspace.Backward(input, labels, 4, 0f);
        var squares = new SgdOptimizer(network, rate, momentum: 0, weightDecay: lambda).Step(network, workspace.Gradients);

        Assert.Equal(expectedSquares, squares, 4);
        for (var l = 0; l < network.Layers.Count; l++)
        {
            for (var i = 0; i < expected[l].Length; i++) Assert.Equal(expected[l][i], network.Layers[l].Weights[i], 5);
            for (var i = 0; i < expectedBiases[l].Length; i++) Assert.Equal(expectedBiases[l][i], network.Layers[l].Biases[i], 6);
        }
    }

    [Fact]
    public void Momentum_AccumulatesVelocityAcrossSteps()
    {
        var network = new Network([new DenseLayer(1, 1, [1f], [0f])]);
        var gradients = new Gradients(network);
        gradients.Weights[0][0] = 1f;
        var optimizer = new SgdOptimizer(network, learningRate: 0.1, momentum: 0.5, weightDecay: 0);

        optimizer.Step(network, gradients); // v = -0.1, w = 0.9
        optimizer.Step(network, gradients); // v = -0.05 - 0.1 = -0.15, w = 0.75

        Assert.Equal(0.75f, network.Layers[0].Weights[0], 6);
    }
}
