using System.Numerics;
using System.Runtime.CompilerServices;
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
        InBlocks(parameters.Length, (start, length) => ElementwiseUpdate.Run(parameters.AsSpan(start, length),
            new NesterovRule(gradient.AsSpan(start, length), velocity.AsSpan(start, length), Rate, _momentum, decay)));

    /// <summary>g = ∇ + λ·θ, v = μ·v + g, then θ − lr·(g + μ·v).</summary>
    private readonly ref struct NesterovRule(ReadOnlySpan<float> gradient, Span<float> velocity, float rate, float momentum, float decay) : IElementRule
    {
        private readonly ReadOnlySpan<float> _gradient = gradient;
        private readonly Span<float> _velocity = velocity;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Next(Vector<float> theta, int i)
        {
            var mu = new Vector<float>(momentum);
            var g = new Vector<float>(_gradient[i..]) + new Vector<float>(decay) * theta;
            var v = mu * new Vector<float>(_velocity[i..]) + g;
            v.CopyTo(_velocity[i..]);
            return theta - new Vector<float>(rate) * (g + mu * v);
        }

        public float Next(float theta, int i)
        {
            var g = _gradient[i] + decay * theta;
            _velocity[i] = momentum * _velocity[i] + g;
            return theta - rate * (g + momentum * _velocity[i]);
        }
    }
}
