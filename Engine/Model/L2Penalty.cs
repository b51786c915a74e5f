using System.Numerics;

namespace Sweep.Engine.Model;

/// <summary>Weight decay 0.5·λ·‖W‖² over the weights of every layer; biases are never penalised.</summary>
public static class L2Penalty
{
    public static double Value(Network network, double lambda)
    {
        if (lambda == 0) return 0;
        var sumOfSquares = 0.0;
        foreach (var layer in network.Layers) sumOfSquares += SumOfSquares(layer.Weights);
        return 0.5 * lambda * sumOfSquares;
    }

    /// <summary>
    /// Vector lanes in float over blocks of 4096 values, blocks summed in double: fast enough to run every batch,
    /// and the rounding error stays far below the loss's reported digits.
    /// </summary>
    private static double SumOfSquares(ReadOnlySpan<float> weights)
    {
        const int block = 4096;
        var total = 0.0;
        for (var start = 0; start < weights.Length; start += block)
        {
            var values = weights.Slice(start, Math.Min(block, weights.Length - start));
            var lanes = Vector<float>.Zero;
            var i = 0;
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(values[i..]);
                lanes += v * v;
            }
            var blockSum = (double)Vector.Sum(lanes);
            for (; i < values.Length; i++) blockSum += (double)values[i] * values[i];
            total += blockSum;
        }
        return total;
    }

    /// <summary>gradient += λ·W (the derivative of 0.5·λ·‖W‖²).</summary>
    public static void AddGradient(ReadOnlySpan<float> weights, Span<float> gradient, float lambda)
    {
        if (lambda == 0f) return;
        var scale = new Vector<float>(lambda);
        var i = 0;
        for (; i <= weights.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            (new Vector<float>(gradient[i..]) + new Vector<float>(weights[i..]) * scale).CopyTo(gradient[i..]);
        }
        for (; i < weights.Length; i++) gradient[i] += weights[i] * lambda;
    }
}
