using System.Numerics;
using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) with bias correction, in PyTorch's arithmetic: at step t,
/// m = β₁·m + (1−β₁)·g, v = β₂·v + (1−β₂)·g², θ −= (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε).
/// Weight decay on weights only (never biases), in one of two ways:
/// Adam: g = ∇ + λ·W, the gradient of the tutorial's 0.5·λ·‖W‖², as PyTorch's Adam weight_decay (the term then passes
/// through the adaptive scaling, and the reported loss includes it);
/// AdamW (Loshchilov &amp; Hutter 2019): g = ∇, and W is first scaled by 1 − lr·λ (PyTorch's AdamW form of W −= lr·λ·W),
/// apart from the adaptive step, so λ is a decay rate rather than a term of any loss.
/// </summary>
public sealed class AdamOptimizer : Optimizer
{
    private readonly bool _decoupled;
    private readonly double _beta1, _beta2;
    private readonly float _b1, _b2, _oneMinusB1, _oneMinusB2, _epsilon, _weightDecay;

    public AdamOptimizer(Network network, double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool decoupled)
        : base(network, learningRate, weightDecay, buffers: 2)
    {
        _decoupled = decoupled;
        (_beta1, _beta2) = (beta1, beta2);
        (_b1, _b2) = ((float)beta1, (float)beta2);
        (_oneMinusB1, _oneMinusB2) = ((float)(1 - beta1), (float)(1 - beta2));
        _epsilon = (float)epsilon;
        _weightDecay = (float)weightDecay;
    }

    /// <summary>AdamW's decay is no gradient of a loss term, so its training loss is the data loss alone.</summary>
    public override double LossLambda => _decoupled ? 0 : WeightDecay;

    protected override double Update(Network network, Gradients gradients)
    {
        // The bias corrections in double, then the two per-step scalars in float, as PyTorch computes them.
        var step = new StepScalars(
            StepSize: (float)(Rate / (1 - Math.Pow(_beta1, StepsTaken))),
            SqrtCorrection2: (float)Math.Sqrt(1 - Math.Pow(_beta2, StepsTaken)),
            L2: _decoupled ? 0f : _weightDecay,
            Keep: _decoupled ? (float)(1 - (double)Rate * _weightDecay) : 1f);
        var noDecay = step with { L2 = 0f, Keep = 1f };
        var (m, v) = (Buffers[0], Buffers[1]);
        var sumOfSquares = 0.0;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            sumOfSquares += Update(layer.Weights, gradients.Weights[l], m.Weights[l], v.Weights[l], step);
            Update(layer.Biases, gradients.Biases[l], m.Biases[l], v.Biases[l], noDecay);
        }
        return sumOfSquares;
    }

    /// <param name="L2">λ added to the gradient (Adam's weights), else 0.</param>
    /// <param name="Keep">The factor of decoupled decay, 1 − lr·λ (AdamW's weights), else 1.</param>
    private readonly record struct StepScalars(float StepSize, float SqrtCorrection2, float L2, float Keep);

    private double Update(float[] parameters, float[] gradient, float[] m, float[] v, StepScalars step) =>
        InBlocks(parameters.Length, (start, length) => UpdateBlock(
            parameters.AsSpan(start, length), gradient.AsSpan(start, length), m.AsSpan(start, length), v.AsSpan(start, length), step));

    // The vector loop and the scalar tail do the same operations in the same order (no fused multiply-add, correctly
    // rounded square root and division), so an element's result does not depend on which of the two computes it.
    private double UpdateBlock(Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> m, Span<float> v, StepScalars step)
    {
        var (b1, b2, c1, c2) = (new Vector<float>(_b1), new Vector<float>(_b2), new Vector<float>(_oneMinusB1), new Vector<float>(_oneMinusB2));
        var (size, correction, epsilon) = (new Vector<float>(step.StepSize), new Vector<float>(step.SqrtCorrection2), new Vector<float>(_epsilon));
        var (l2, keep) = (new Vector<float>(step.L2), new Vector<float>(step.Keep));
        var squares = Vector<float>.Zero;
        var i = 0;
        for (; i <= parameters.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var theta = new Vector<float>(parameters[i..]);
            squares += theta * theta;
            var g = new Vector<float>(gradient[i..]) + l2 * theta;
            var mi = b1 * new Vector<float>(m[i..]) + c1 * g;
            var vi = b2 * new Vector<float>(v[i..]) + c2 * (g * g);
            mi.CopyTo(m[i..]);
            vi.CopyTo(v[i..]);
            (theta * keep - size * mi / (Vector.SquareRoot(vi) / correction + epsilon)).CopyTo(parameters[i..]);
        }
        var sum = (double)Vector.Sum(squares);
        for (; i < parameters.Length; i++)
        {
            var theta = parameters[i];
            sum += theta * theta;
            var g = gradient[i] + step.L2 * theta;
            m[i] = _b1 * m[i] + _oneMinusB1 * g;
            v[i] = _b2 * v[i] + _oneMinusB2 * (g * g);
            parameters[i] = theta * step.Keep - step.StepSize * m[i] / (MathF.Sqrt(v[i]) / step.SqrtCorrection2 + _epsilon);
        }
        return sum;
    }
}
