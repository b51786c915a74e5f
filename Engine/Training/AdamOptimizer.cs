using System.Numerics;
using System.Runtime.CompilerServices;
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
    private readonly Betas _betas;
    private readonly float _weightDecay;

    public AdamOptimizer(Network network, double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool decoupled)
        : base(network, learningRate, weightDecay, buffers: 2)
    {
        _decoupled = decoupled;
        (_beta1, _beta2) = (beta1, beta2);
        _betas = new Betas((float)beta1, (float)beta2, (float)(1 - beta1), (float)(1 - beta2), (float)epsilon);
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
        InBlocks(parameters.Length, (start, length) => ElementwiseUpdate.Run(parameters.AsSpan(start, length), new AdamRule(
            gradient.AsSpan(start, length), m.AsSpan(start, length), v.AsSpan(start, length), step, _betas)));

    /// <summary>β₁, β₂, 1 − β₁, 1 − β₂ and ε as the updates use them (float).</summary>
    private readonly record struct Betas(float B1, float B2, float OneMinusB1, float OneMinusB2, float Epsilon);

    /// <summary>g = ∇ + L2·θ, m = β₁·m + (1−β₁)·g, v = β₂·v + (1−β₂)·g², then θ·keep − size·m / (√v / √(1−β₂ᵗ) + ε).</summary>
    private readonly ref struct AdamRule(ReadOnlySpan<float> gradient, Span<float> m, Span<float> v, StepScalars step, Betas betas) : IElementRule
    {
        private readonly ReadOnlySpan<float> _gradient = gradient;
        private readonly Span<float> _m = m;
        private readonly Span<float> _v = v;
        // Broadcast once per block: the vector loop is bound by its square roots and divisions, and re-broadcasting
        // seven scalars per vector cost ~5 % of the step.
        private readonly Vector<float> _l2 = new(step.L2), _b1 = new(betas.B1), _c1 = new(betas.OneMinusB1), _b2 = new(betas.B2),
            _c2 = new(betas.OneMinusB2), _keep = new(step.Keep), _size = new(step.StepSize), _correction = new(step.SqrtCorrection2), _epsilon = new(betas.Epsilon);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Next(Vector<float> theta, int i)
        {
            var g = new Vector<float>(_gradient[i..]) + _l2 * theta;
            var mi = _b1 * new Vector<float>(_m[i..]) + _c1 * g;
            var vi = _b2 * new Vector<float>(_v[i..]) + _c2 * (g * g);
            mi.CopyTo(_m[i..]);
            vi.CopyTo(_v[i..]);
            return theta * _keep - _size * mi / (Vector.SquareRoot(vi) / _correction + _epsilon);
        }

        public float Next(float theta, int i)
        {
            var g = _gradient[i] + step.L2 * theta;
            _m[i] = betas.B1 * _m[i] + betas.OneMinusB1 * g;
            _v[i] = betas.B2 * _v[i] + betas.OneMinusB2 * (g * g);
            return theta * step.Keep - step.StepSize * _m[i] / (MathF.Sqrt(_v[i]) / step.SqrtCorrection2 + betas.Epsilon);
        }
    }
}
