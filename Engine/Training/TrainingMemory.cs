using System.Globalization;
using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>
/// The memory one training run allocates, counted from the buffers <see cref="Trainer"/> creates, so that a
/// configuration that cannot fit is refused before it starts instead of allocating gigabytes and ignoring Ctrl-C.
/// Counted per layer (float32 each): weights and biases; their gradients; the optimiser's state (momentum's velocity,
/// Adam's two moments; <see cref="Optimizers.StateBuffers"/>);
/// activations and deltas for the largest batch (training or evaluation); for the first layer also the gathered
/// input batch and, when it is wide enough to use it, the compacted copy of its input, weights and gradient.
/// Dropout adds nothing: its mask is a hash, read back off the activations (<see cref="DropoutMask"/>).
/// Not counted: the dataset (loaded once per process and shared by its trials) and the GEMM packing scratch (a few MB).
/// </summary>
public static class TrainingMemory
{
    private const long FloatBytes = sizeof(float);

    /// <summary>
    /// The memory a trial may use: what the GC may use on this machine (physical memory, or the container's limit)
    /// divided by the trials that run at once, because they run side by side in one process.
    /// </summary>
    public static long BudgetPerTrial(int trialsAtOnce) =>
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / Math.Max(1, trialsAtOnce);

    /// <summary>Bytes per layer (input to first hidden layer first, output layer last).</summary>
    public static long[] LayerBytes(TrainingOptions options, int inFeatures, int classes, int trainingExamples)
    {
        var widths = Widths(options, inFeatures, classes);
        var batch = Math.Max(1, Math.Min(options.BatchSize, trainingExamples));
        long largestBatch = Math.Max(batch, Evaluator.EvaluationBatch);
        var copies = 2 + Optimizers.StateBuffers(options); // parameters, gradients, optimiser state
        var bytes = new long[widths.Length - 1];
        for (var layer = 0; layer < bytes.Length; layer++)
        {
            long inputs = widths[layer], outputs = widths[layer + 1];
            var floats = copies * (inputs * outputs + outputs) + 2 * largestBatch * outputs;
            if (layer == 0)
            {
                floats += batch * inputs;
                if (outputs >= InputColumnCompaction.MinimumOutFeatures) floats += 2 * inputs * outputs + largestBatch * inputs + inputs;
            }
            bytes[layer] = floats * FloatBytes;
        }
        return bytes;
    }

    /// <summary>Why these options cannot train within <paramref name="budgetBytes"/>, naming the layer; null when they fit.</summary>
    public static string? Problem(TrainingOptions options, int inFeatures, int classes, int trainingExamples, long budgetBytes)
    {
        var widths = Widths(options, inFeatures, classes);
        var layers = LayerBytes(options, inFeatures, classes, trainingExamples);
        var total = layers.Sum();
        var largest = Array.IndexOf(layers, layers.Max());
        var batch = Math.Max(1, Math.Min(options.BatchSize, trainingExamples));
        var what = Optimizers.StateName(options) is { } state ? $"weights, gradients, {state} and activations" : "weights, gradients and activations";
        var layerText = $"{Name(options, largest)}: the {widths[largest]}×{widths[largest + 1]} layer needs {Size(layers[largest])} " +
            $"({what} for {(batch >= Evaluator.EvaluationBatch ? "batches" : "evaluation batches")} of {Math.Max(batch, Evaluator.EvaluationBatch)})";
        if (total > budgetBytes)
        {
            var over = $"over the {Size(budgetBytes, roundUp: false)} budget per trial by {Size(total - budgetBytes)}";
            var others = layers.Length > 1 ? $"; {Size(total)} with the other layers" : "";
            return layers[largest] > budgetBytes
                ? $"{layerText}, over the {Size(budgetBytes, roundUp: false)} budget per trial by {Size(layers[largest] - budgetBytes)}{others}"
                : $"hidden=[{string.Join(',', options.Hidden)}]: the layers need {Size(total)} in all (the largest, {layerText}), {over}";
        }
        // A float[] holds at most Array.MaxLength elements, whatever the memory.
        var largestBatch = (long)Math.Max(batch, Evaluator.EvaluationBatch);
        for (var layer = 0; layer < layers.Length; layer++)
        {
            long elements = Math.Max((long)widths[layer] * widths[layer + 1], largestBatch * widths[layer + 1]);
            if (elements > Array.MaxLength)
                return $"{Name(options, layer)}: the {widths[layer]}×{widths[layer + 1]} layer needs arrays of {elements} numbers, " +
                    $"more than the {Array.MaxLength} one array holds";
        }
        return null;
    }

    /// <summary>Bytes in GB (10⁹) or MB, rounded up for a need and down for a budget, so the comparison stays honest.</summary>
    public static string Size(long bytes, bool roundUp = true)
    {
        var (unit, name) = bytes >= 1_000_000_000 ? (1e9, "GB") : (1e6, "MB");
        var value = bytes / unit;
        var rounded = roundUp ? Math.Ceiling(value) : Math.Floor(value);
        return string.Create(CultureInfo.InvariantCulture, $"{rounded:0} {name}");
    }

    private static long[] Widths(TrainingOptions options, int inFeatures, int classes) =>
        [inFeatures, .. options.Hidden.Select(width => (long)width), classes];

    private static string Name(TrainingOptions options, int layer) =>
        layer < options.Hidden.Count ? $"hidden[{layer}]={options.Hidden[layer]}" : "the output layer";
}
