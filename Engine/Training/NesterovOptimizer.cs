using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>
/// Nesterov momentum in PyTorch's formulation (torch.optim.SGD with nesterov=True, dampening 0), L2 on weights only:
/// g = ∇ + λ·W (biases: g = ∇), v = μ·v + g, θ −= lr·(g + μ·v). Unlike <see cref="SgdOptimizer"/>'s heavy ball, the
/// velocity holds gradients, not steps, so a schedule's new rate applies at once to the whole step. At μ = 0 it is
/// plain gradient descent (θ −= lr·g); the option rules allow that so that a grid may cross optimizer with momentum.
/// </summary>
public sealed class NesterovOptimizer(Network network, double learningRate, double momentum, double weightDecay)
    : Optimizer(network, learningRate, weightDecay, buffers: 1)
{
    private readonly float _momentum = (float)momentum;
    private readonly float _weightDecay = (float)weightDecay;

    protected override double Update(Network network, Gradients gradients)
    {
        var sumOfSquares = 0.0;
        var velocity = Buffers[0];
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            sumOfSquares += Update(layer.Weights, gradients.Weights[l], velocity.Weights[l], _weightDecay);
            Update(layer.Biases, gradients.Biases[l], velocity.Biases[l], 0f);
        }
        return sumOfSquares;
    }

    private double Update(float[] parameters, float[] gradient, float[] velocity, float decay) =>
        InBlocks(parameters.Length, (start, length) =>
        {
            var sum = 0.0;
            var (rate, momentum) = (Rate, _momentum);
            for (var i = start; i < start + length; i++)
            {
                var theta = parameters[i];
                sum += theta * theta;
                var g = gradient[i] + decay * theta;
                velocity[i] = momentum * velocity[i] + g;
                parameters[i] = theta - rate * (g + momentum * velocity[i]);
            }
            return sum;
        });
}
