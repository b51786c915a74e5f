using System.Numerics;
using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>
/// Mini-batch gradient descent with optional (heavy-ball) momentum and L2 weight decay on weights only:
/// g = ∇ + λ·W (biases: g = ∇), v = μ·v − lr·g, θ += v (θ −= lr·g without momentum).
/// Weight decay lives here, as in PyTorch's SGD, so that adding λ·W, summing ‖W‖² for the loss and updating W
/// happen in one pass over the weights: separate passes over a 1.5 MB matrix cost a sixth of an epoch.
/// </summary>
public sealed class SgdOptimizer(Network network, double learningRate, double momentum, double weightDecay)
    : Optimizer(network, learningRate, weightDecay, buffers: momentum > 0 ? 1 : 0)
{
    private readonly float _momentum = (float)momentum;
    private readonly float _weightDecay = (float)weightDecay;

    protected override double Update(Network network, Gradients gradients)
    {
        var sumOfSquares = 0.0;
        var velocity = Buffers.Count > 0 ? Buffers[0] : null;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            sumOfSquares += Update(layer.Weights, gradients.Weights[l], velocity?.Weights[l], _weightDecay);
            Update(layer.Biases, gradients.Biases[l], velocity?.Biases[l], 0f);
        }
        return sumOfSquares;
    }

    private double Update(float[] parameters, float[] gradient, float[]? velocity, float decay) =>
        InBlocks(parameters.Length, (start, length) => velocity is null
            ? UpdatePlain(parameters.AsSpan(start, length), gradient.AsSpan(start, length), decay)
            : UpdateWithMomentum(parameters.AsSpan(start, length), gradient.AsSpan(start, length), velocity.AsSpan(start, length), decay));

    private double UpdatePlain(Span<float> parameters, ReadOnlySpan<float> gradient, float decay)
    {
        var rate = new Vector<float>(Rate);
        var lambda = new Vector<float>(decay);
        var squares = Vector<float>.Zero;
        var i = 0;
        for (; i <= parameters.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var theta = new Vector<float>(parameters[i..]);
            squares += theta * theta;
            (theta - rate * (new Vector<float>(gradient[i..]) + lambda * theta)).CopyTo(parameters[i..]);
        }
        var sum = (double)Vector.Sum(squares);
        for (; i < parameters.Length; i++)
        {
            var theta = parameters[i];
            sum += theta * theta;
            parameters[i] = theta - Rate * (gradient[i] + decay * theta);
        }
        return sum;
    }

    private double UpdateWithMomentum(Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> velocity, float decay)
    {
        var sum = 0.0;
        var rate = Rate;
        for (var i = 0; i < parameters.Length; i++)
        {
            var theta = parameters[i];
            sum += theta * theta;
            velocity[i] = _momentum * velocity[i] - rate * (gradient[i] + decay * theta);
            parameters[i] = theta + velocity[i];
        }
        return sum;
    }
}
