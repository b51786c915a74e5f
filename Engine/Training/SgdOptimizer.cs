using System.Numerics;
using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>
/// Mini-batch gradient descent with optional (heavy-ball) momentum and L2 weight decay on weights only:
/// g = ∇ + λ·W (biases: g = ∇), v = μ·v − lr·g, θ += v (θ −= lr·g without momentum).
/// Weight decay lives here, as in PyTorch's SGD, so that adding λ·W, summing ‖W‖² for the loss and updating W
/// happen in one pass over the weights: separate passes over a 1.5 MB matrix cost a sixth of an epoch.
/// </summary>
public sealed class SgdOptimizer
{
    private const int Block = 4096;
    private float _learningRate;
    private readonly float _momentum;
    private readonly float _weightDecay;
    private readonly float[][]? _weightVelocity;
    private readonly float[][]? _biasVelocity;

    public SgdOptimizer(Network network, double learningRate, double momentum, double weightDecay)
    {
        WeightDecay = weightDecay;
        _learningRate = (float)learningRate;
        _momentum = (float)momentum;
        _weightDecay = (float)weightDecay;
        if (momentum > 0)
        {
            _weightVelocity = network.Layers.Select(layer => new float[layer.Weights.Length]).ToArray();
            _biasVelocity = network.Layers.Select(layer => new float[layer.Biases.Length]).ToArray();
        }
    }

    /// <summary>Momentum's velocity per layer, [layer] → [inFeatures·outFeatures], the same shape as the weights; null without momentum.
    /// A checkpoint saves and restores it, since the next updates depend on it as much as on the weights.</summary>
    public IReadOnlyList<float[]>? WeightVelocities => _weightVelocity;

    /// <summary>Momentum's velocity of the biases per layer; null without momentum.</summary>
    public IReadOnlyList<float[]>? BiasVelocities => _biasVelocity;

    /// <summary>λ as given (the update uses it rounded to float); the loss's 0.5·λ·‖W‖² term is computed with this value.</summary>
    public double WeightDecay { get; }

    /// <summary>The rate of the next steps; a schedule changes it between steps.</summary>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = (float)value;
    }

    /// <summary>
    /// Updates every parameter from gradients of the data loss alone (no L2 term), and returns ‖W‖² of the weights
    /// before the update, so the caller can report the regularised loss of the batch at no extra cost.
    /// </summary>
    public double Step(Network network, Gradients gradients)
    {
        var sumOfSquares = 0.0;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            sumOfSquares += Update(layer.Weights, gradients.Weights[l], _weightVelocity?[l], _weightDecay);
            Update(layer.Biases, gradients.Biases[l], _biasVelocity?[l], 0f);
        }
        return sumOfSquares;
    }

    private double Update(Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> velocity, float decay)
    {
        var total = 0.0;
        for (var start = 0; start < parameters.Length; start += Block)
        {
            var length = Math.Min(Block, parameters.Length - start);
            total += velocity.IsEmpty
                ? UpdatePlain(parameters.Slice(start, length), gradient.Slice(start, length), decay)
                : UpdateWithMomentum(parameters.Slice(start, length), gradient.Slice(start, length), velocity.Slice(start, length), decay);
        }
        return total;
    }

    private double UpdatePlain(Span<float> parameters, ReadOnlySpan<float> gradient, float decay)
    {
        var rate = new Vector<float>(_learningRate);
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
            parameters[i] = theta - _learningRate * (gradient[i] + decay * theta);
        }
        return sum;
    }

    private double UpdateWithMomentum(Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> velocity, float decay)
    {
        var sum = 0.0;
        for (var i = 0; i < parameters.Length; i++)
        {
            var theta = parameters[i];
            sum += theta * theta;
            velocity[i] = _momentum * velocity[i] - _learningRate * (gradient[i] + decay * theta);
            parameters[i] = theta + velocity[i];
        }
        return sum;
    }
}
