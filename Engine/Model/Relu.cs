using System.Numerics;

namespace Sweep.Engine.Model;

/// <summary>Bias add, ReLU and its derivative over [batch, features] buffers.</summary>
public static class Relu
{
    /// <summary>z[row, :] += biases, then (when relu) z = max(z, 0) in place.</summary>
    public static void AddBiasAndActivate(Span<float> z, ReadOnlySpan<float> biases, int batch, bool relu)
    {
        var features = biases.Length;
        var zero = Vector<float>.Zero;
        for (var row = 0; row < batch; row++)
        {
            var values = z.Slice(row * features, features);
            var i = 0;
            for (; i <= features - Vector<float>.Count; i += Vector<float>.Count)
            {
                var sum = new Vector<float>(values[i..]) + new Vector<float>(biases[i..]);
                (relu ? Vector.Max(sum, zero) : sum).CopyTo(values[i..]);
            }
            for (; i < features; i++)
            {
                var sum = values[i] + biases[i];
                values[i] = relu ? MathF.Max(sum, 0f) : sum;
            }
        }
    }

    /// <summary>
    /// gradient[i] = activation[i] > 0 ? gradient[i]·scale : 0. With scale 1 that is ReLU'(z) = 1 for z > 0, else 0
    /// (multiplying by 1 changes no bit). Under inverted dropout (<see cref="DropoutMask"/>) the activation
    /// scale·mask·max(z, 0) is positive exactly where the unit was kept and z > 0, so with scale = 1/(1 − p) this is
    /// the mask·scale·ReLU'(z) of the chain rule, without keeping the mask.
    /// </summary>
    public static void Backward(Span<float> gradient, ReadOnlySpan<float> activation, float scale = 1f)
    {
        var zero = Vector<float>.Zero;
        var scales = new Vector<float>(scale);
        var i = 0;
        for (; i <= gradient.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var positive = Vector.GreaterThan(new Vector<float>(activation[i..]), zero);
            Vector.ConditionalSelect(positive, new Vector<float>(gradient[i..]) * scales, zero).CopyTo(gradient[i..]);
        }
        for (; i < gradient.Length; i++)
        {
            gradient[i] = activation[i] > 0f ? gradient[i] * scale : 0f;
        }
    }
}
