namespace Sweep.Engine.Model;

/// <summary>
/// Softmax + cross-entropy over logits [batch, classes], computed stably with log-sum-exp so that large
/// logits never overflow. Losses are accumulated in double for a loss value that does not drift with batch size.
/// </summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>
    /// Returns the summed loss over the batch and writes dLogits = (softmax - onehot) * gradientScale.
    /// </summary>
    public static double LossAndGradient(ReadOnlySpan<float> logits, ReadOnlySpan<byte> labels, int batch, int classes,
        Span<float> dLogits, float gradientScale)
    {
        var total = 0.0;
        for (var row = 0; row < batch; row++)
        {
            var rowLogits = logits.Slice(row * classes, classes);
            var rowGradient = dLogits.Slice(row * classes, classes);
            var max = Max(rowLogits);
            var sumExp = 0.0;
            for (var c = 0; c < classes; c++)
            {
                var e = Math.Exp(rowLogits[c] - max);
                rowGradient[c] = (float)e;
                sumExp += e;
            }
            var label = labels[row];
            total += Math.Log(sumExp) - (rowLogits[label] - max);
            var inverse = 1.0 / sumExp;
            for (var c = 0; c < classes; c++) rowGradient[c] = (float)(rowGradient[c] * inverse * gradientScale);
            rowGradient[label] -= gradientScale;
        }
        return total;
    }

    /// <summary>Summed loss and the number of rows whose largest logit is the label (first maximum wins ties).</summary>
    public static (double Loss, int Correct) LossAndCorrect(ReadOnlySpan<float> logits, ReadOnlySpan<byte> labels, int batch,
        int classes, Span<int> predictions = default)
    {
        var total = 0.0;
        var correct = 0;
        for (var row = 0; row < batch; row++)
        {
            var rowLogits = logits.Slice(row * classes, classes);
            var max = Max(rowLogits);
            var argMax = rowLogits.IndexOf(max);
            var sumExp = 0.0;
            for (var c = 0; c < classes; c++) sumExp += Math.Exp(rowLogits[c] - max);
            total += Math.Log(sumExp) - (rowLogits[labels[row]] - max);
            if (argMax == labels[row]) correct++;
            if (!predictions.IsEmpty) predictions[row] = argMax;
        }
        return (total, correct);
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        var max = values[0];
        for (var i = 1; i < values.Length; i++)
        {
            // A NaN logit makes the max NaN, so the loss is NaN and the run is reported as diverged.
            if (values[i] > max || float.IsNaN(values[i])) max = values[i];
        }
        return max;
    }
}
