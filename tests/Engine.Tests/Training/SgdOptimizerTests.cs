using Sweep.Engine.Model;
using Sweep.Engine.Randomness;
using Sweep.Engine.Training;

namespace Sweep.Engine.Tests.Training;

/// <summary>
/// One <see cref="TrainingStep"/>, as the trainer takes it, against the update rule written out in double precision.
/// The first layer has more weights than the optimiser's 4096-value block and counts that leave remainders for
/// both the block and the vector loops; biases are non-zero, so decaying them by mistake would show.
/// </summary>
public class SgdOptimizerTests
{
    private const int Batch = 4;
    private const double Rate = 0.1, Lambda = 0.3;
    private static readonly int[] Widths = [70, 61, 3];

    [Fact]
    public void Step_WithoutMomentum_IsWMinusRateTimesDataGradientPlusLambdaW_AndBMinusRateTimesGradient()
    {
        var (network, workspace, input, labels) = SmallNet();
        var optimizer = new SgdOptimizer(network, Rate, momentum: 0, weightDecay: Lambda);
        var (weightGradients, biasGradients, dataLoss) = DataGradients(workspace, input, labels);
        var weights = Parameters(network, layer => layer.Weights);
        var biases = Parameters(network, layer => layer.Biases);

        var loss = TrainingStep.Run(network, workspace, optimizer, input, labels, Batch);

        var weightSquares = weights.Sum(layer => layer.Sum(w => w * w));
        Assert.Equal(dataLoss + 0.5 * Lambda * weightSquares, loss, 1e-6);
        for (var l = 0; l < network.Layers.Count; l++)
        {
            AssertParameters(weights[l].Select((w, i) => w - Rate * (weightGradients[l][i] + Lambda * w)), network.Layers[l].Weights, $"W[{l}]");
            AssertParameters(biases[l].Select((b, i) => b - Rate * biasGradients[l][i]), network.Layers[l].Biases, $"b[{l}]");
        }
    }

    [Fact]
    public void Steps_WithMomentum_FollowVEqualsMuVMinusRateTimesGradientPlusLambdaW_ThenThetaPlusV()
    {
        const double momentum = 0.9;
        var (network, workspace, input, labels) = SmallNet();
        var optimizer = new SgdOptimizer(network, Rate, momentum, weightDecay: Lambda);
        var weightVelocity = network.Layers.Select(layer => new double[layer.Weights.Length]).ToArray();
        var biasVelocity = network.Layers.Select(layer => new double[layer.Biases.Length]).ToArray();

        for (var step = 1; step <= 3; step++)
        {
            var (weightGradients, biasGradients, _) = DataGradients(workspace, input, labels);
            var weights = Parameters(network, layer => layer.Weights);
            var biases = Parameters(network, layer => layer.Biases);

            TrainingStep.Run(network, workspace, optimizer, input, labels, Batch);

            for (var l = 0; l < network.Layers.Count; l++)
            {
                for (var i = 0; i < weights[l].Length; i++)
                    weightVelocity[l][i] = momentum * weightVelocity[l][i] - Rate * (weightGradients[l][i] + Lambda * weights[l][i]);
                for (var i = 0; i < biases[l].Length; i++)
                    biasVelocity[l][i] = momentum * biasVelocity[l][i] - Rate * biasGradients[l][i];
                AssertParameters(weights[l].Select((w, i) => w + weightVelocity[l][i]), network.Layers[l].Weights, $"step {step} W[{l}]");
                AssertParameters(biases[l].Select((b, i) => b + biasVelocity[l][i]), network.Layers[l].Biases, $"step {step} b[{l}]");
            }
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

    private static (Network Network, NetworkWorkspace Workspace, float[] Input, byte[] Labels) SmallNet()
    {
        var random = new DeterministicRandom(8);
        var network = Network.Create(Widths, WeightInit.He, random);
        foreach (var layer in network.Layers)
            for (var i = 0; i < layer.Biases.Length; i++) layer.Biases[i] = (float)(0.5 * random.NextGaussian());
        var input = Enumerable.Range(0, Batch * Widths[0]).Select(_ => (float)random.NextDouble()).ToArray();
        byte[] labels = [0, 1, 2, 1];
        return (network, new NetworkWorkspace(network, Batch), input, labels);
    }

    /// <summary>The data-loss gradient at the current parameters (what the step's own Backward will compute again).</summary>
    private static (double[][] Weights, double[][] Biases, double Loss) DataGradients(NetworkWorkspace workspace, float[] input, byte[] labels)
    {
        workspace.Forward(input, Batch);
        var loss = workspace.Backward(input, labels, Batch);
        return (workspace.Gradients.Weights.Select(ToDoubles).ToArray(), workspace.Gradients.Biases.Select(ToDoubles).ToArray(), loss);
    }

    private static double[][] Parameters(Network network, Func<DenseLayer, float[]> select) =>
        network.Layers.Select(layer => ToDoubles(select(layer))).ToArray();

    private static double[] ToDoubles(float[] values) => values.Select(value => (double)value).ToArray();

    private static void AssertParameters(IEnumerable<double> expected, float[] actual, string what)
    {
        var values = expected.ToArray();
        Assert.Equal(values.Length, actual.Length);
        for (var i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - actual[i]) <= 1e-6, $"{what}[{i}]: expected {values[i]:G9}, got {actual[i]:G9}");
    }
}
