using System.Numerics;
using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>
/// Mini-batch gradient descent with optional (heavy-ball) momentum: v = μ·v − lr·g; θ += v.
/// Sees only parameters and their gradients.
/// </summary>
public sealed class SgdOptimizer
{
    private readonly float _learningRate;
    private readonly float _momentum;
    private readonly float[][]? _weightVelocity;
    private readonly float[][]? _biasVelocity;

    public SgdOptimizer(Network network, double learningRate, double momentum)
    {
        _learningRate = (float)learningRate;
        _momentum = (float)momentum;
        if (momentum > 0)
        {
            _weightVelocity = network.Layers.Select(layer => new float[layer.Weights.Length]).ToArray();
            _biasVelocity = network.Layers.Select(layer => new float[layer.Biases.Length]).ToArray();
        }
    }

    public void Step(Network network, Gradients gradients)
    {
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            Update(layer.Weights, gradients.Weights[l], _weightVelocity?[l]);
            Update(layer.Biases, gradients.Biases[l], _biasVelocity?[l]);
        }
    }

    private void Update(Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> velocity)
    {
        if (velocity.IsEmpty)
        {
            var rate = new Vector<float>(_learningRate);
            var i = 0;
            for (; i <= parameters.Length - Vector<float>.Count; i += Vector<float>.Count)
                (new Vector<float>(parameters[i..]) - rate * new Vector<float>(gradient[i..])).CopyTo(parameters[i..]);
            for (; i < parameters.Length; i++) parameters[i] -= _learningRate * gradient[i];
            return;
        }
        for (var i = 0; i < parameters.Length; i++)
        {
            velocity[i] = _momentum * velocity[i] - _learningRate * gradient[i];
            parameters[i] += velocity[i];
        }
    }
}
