using Sweep.Engine.Parallelism;

namespace Sweep.Engine.Model;

/// <summary>
/// Softmax + cross-entropy over logits [batch, classes], computed stably with log-sum-exp so that large
/// logits never overflow. Losses are accumulated in double for a loss value that does not drift with batch size.
/// </summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>Rows a thread should get at least: a row of 10 classes is ~0.1 µs of exp and log, so a batch of 100
    /// (~10 µs) stays on one thread and only larger batches split.</summary>
    private const int MinRowsPerThread = 64;

    [ThreadStatic]
    private static double[]? rowLosses;

    /// <summary>
    /// Returns the summed loss over the batch and writes dLogits = (softmax - onehot) * gradientScale.
    /// Rows split across <paramref name="threads"/>; each row's loss is kept and the sum taken in row order on the
    /// caller, so the total has the same bits for any thread count.
    /// </summary>
    public static unsafe double LossAndGradient(ReadOnlySpan<float> logits, ReadOnlySpan<byte> labels, int batch, int classes,
        Span<float> dLogits, float gradientScale, int threads = 1)
    {
        if (logits.Length < batch * classes || dLogits.Length < batch * classes || labels.Length < batch)
            throw new ArgumentException($"logits, dLogits and labels must hold {batch} rows of {classes} classes");
        var losses = rowLosses is { } cached && cached.Length >= batch ? cached : rowLosses = new double[batch];
        fixed (float* logitsPointer = logits, gradientPointer = dLogits)
        fixed (byte* labelsPointer = labels)
        fixed (double* lossPointer = losses)
        {
            WorkerPool.For(WorkerPool.ThreadsFor(threads, batch, MinRowsPerThread), batch,
                new GradientRows(logitsPointer, labelsPointer, gradientPointer, lossPointer, classes, gradientScale));
        }
        var total = 0.0;
        for (var row = 0; row < batch; row++) total += losses[row];
        return total;
    }

    private readonly unsafe struct GradientRows(float* logits, byte* labels, float* dLogits, double* losses, int classes, float gradientScale)
        : IRangeWork
    {
        public void Run(int start, int end)
        {
            for (var row = start; row < end; row++)
            {
                var rowLogits = new ReadOnlySpan<float>(logits + (nint)row * classes, classes);
                var rowGradient = new Span<float>(dLogits + (nint)row * classes, classes);
                var max = Max(rowLogits);
                var sumExp = 0.0;
                for (var c = 0; c < classes; c++)
                {
                    var e = Math.Exp(rowLogits[c] - max);
                    rowGradient[c] = (float)e;
                    sumExp += e;
                }
                var label = labels[row];
                losses[row] = Math.Log(sumExp) - (rowLogits[label] - max);
                var inverse = 1.0 / sumExp;
                for (var c = 0; c < classes; c++) rowGradient[c] = (float)(rowGradient[c] * inverse * gradientScale);
                rowGradient[label] -= gradientScale;
            }
        }
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
