using System.Globalization;
using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>
/// The memory one training run allocates, counted from the buffers <see cref="Trainer"/> creates, so that a
/// configuration that cannot fit is refused before it starts instead of allocating gigabytes and ignoring Ctrl-C.
/// Counted per layer (float32 each): weights and biases; their gradients; the optimiser's state (momentum's velocity,
/// Adam's two moments; <see cref="Optimizers.StateBuffers"/>);
/// activations and deltas for the largest batch (training or evaluation); for the first layer also the gathered
/// input batch and, when it is wide enough to use it, the compaction's copy of its input, its compact gradient and its
/// segments' partial products (<see cref="InputColumnCompaction.Floats"/>).
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

    /// <summary>Bytes per layer (input to first hidden layer first, output layer last), for flat or square single-channel inputs.</summary>
    public static long[] LayerBytes(TrainingOptions options, int inFeatures, int classes, int trainingExamples) =>
        LayerBytes(options, ImageOf(options, inFeatures), classes, trainingExamples);

    /// <summary>
    /// Bytes per layer of the spec (input side first, output layer last). A convolution also counts its im2col buffers,
    /// one set per thread, and its per-chunk partial gradients (<see cref="ConvolutionPass.Floats"/>); a pool its
    /// activations, deltas and argmax indices.
    /// </summary>
    public static long[] LayerBytes(TrainingOptions options, ImageShape input, int classes, int trainingExamples)
    {
        var stages = NetworkStage.Plan(options.InputShape(input), options.HiddenLayers, classes);
        var batch = Math.Max(1, Math.Min(options.BatchSize, trainingExamples));
        var largestBatch = Math.Max(batch, Evaluator.EvaluationBatch);
        var copies = 2 + Optimizers.StateBuffers(options); // parameters, gradients, optimiser state
        var bytes = new long[stages.Length];
        for (var s = 0; s < stages.Length; s++)
        {
            var stage = stages[s];
            long inputs = stage.Input.Features, outputs = stage.Output.Features;
            var floats = copies * ((long)stage.FanIn * stage.FanOut + (stage.HasParameters ? stage.FanOut : 0)) + 2 * largestBatch * outputs;
            if (stage.Kind == LayerKind.MaxPool) floats += largestBatch * outputs; // argmax, one int32 each
            if (stage.Kind == LayerKind.Convolution) floats += ConvolutionPass.Floats(stage, largestBatch, options.Threads, inputGradient: s > 0);
            if (s == 0)
            {
                floats += batch * inputs; // the float batch, allocated only when not read as 8-bit pixel rows: counted always, an upper bound
                if (stage.Kind != LayerKind.FullyConnected) floats += largestBatch * inputs; // the passes' copy of the input batch
                else if (outputs >= InputColumnCompaction.MinimumOutFeatures) floats += InputColumnCompaction.Floats(inputs, outputs, largestBatch);
            }
            bytes[s] = floats * FloatBytes;
        }
        return bytes;
    }

    /// <summary>Why these options cannot train within <paramref name="budgetBytes"/>, naming the layer; null when they fit.</summary>
    public static string? Problem(TrainingOptions options, int inFeatures, int classes, int trainingExamples, long budgetBytes) =>
        Problem(options, ImageOf(options, inFeatures), classes, trainingExamples, budgetBytes);

    /// <summary>Why these options cannot train on <paramref name="input"/> images within <paramref name="budgetBytes"/>, naming the layer; null when they fit.</summary>
    public static string? Problem(TrainingOptions options, ImageShape input, int classes, int trainingExamples, long budgetBytes)
    {
        var network = options.InputShape(input);
        if (LayerSpec.ShapeProblem(options.HiddenLayers, network, out _) is { } shapeProblem) return $"layers=[{LayerSpec.Format(options.HiddenLayers)}]: {shapeProblem}";
        var stages = NetworkStage.Plan(network, options.HiddenLayers, classes);
        var layers = LayerBytes(options, input, classes, trainingExamples);
        var total = layers.Sum();
        var largest = Array.IndexOf(layers, layers.Max());
        var batch = Math.Max(1, Math.Min(options.BatchSize, trainingExamples));
        var what = Optimizers.StateName(options) is { } state ? $"weights, gradients, {state} and activations" : "weights, gradients and activations";
        var layerText = $"{Name(options, largest)}: the {Describe(stages[largest])} needs {Size(layers[largest])} " +
            $"({what} for {(batch >= Evaluator.EvaluationBatch ? "batches" : "evaluation batches")} of {Math.Max(batch, Evaluator.EvaluationBatch)})";
        if (total > budgetBytes)
        {
            var over = $"over the {Size(budgetBytes, roundUp: false)} budget per trial by {Size(total - budgetBytes)}";
            var others = layers.Length > 1 ? $"; {Size(total)} with the other layers" : "";
            var spec = options.Layers.Count > 0 ? $"layers=[{LayerSpec.Format(options.Layers)}]" : $"hidden=[{string.Join(',', options.Hidden)}]";
            return layers[largest] > budgetBytes
                ? $"{layerText}, over the {Size(budgetBytes, roundUp: false)} budget per trial by {Size(layers[largest] - budgetBytes)}{others}"
                : $"{spec}: the layers need {Size(total)} in all (the largest, {layerText}), {over}";
        }
        // A float[] holds at most Array.MaxLength elements, whatever the memory.
        var largestBatch = (long)Math.Max(batch, Evaluator.EvaluationBatch);
        for (var s = 0; s < stages.Length; s++)
        {
            long elements = Math.Max((long)stages[s].FanIn * stages[s].FanOut, largestBatch * stages[s].Output.Features);
            if (elements > Array.MaxLength)
                return $"{Name(options, s)}: the {Describe(stages[s])} needs arrays of {elements} numbers, " +
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

    /// <summary>
    /// The image behind a flat feature count: √n×√n×1 when the spec has convolutions or pools and n is a square (MNIST's
    /// 784 is 28×28), else 1×1×n. Callers that know the data's shape pass it instead.
    /// </summary>
    private static ImageShape ImageOf(TrainingOptions options, int inFeatures)
    {
        var side = (int)Math.Round(Math.Sqrt(inFeatures));
        var images = options.HiddenLayers.Any(layer => layer.Kind != LayerKind.FullyConnected);
        return images && side * side == inFeatures ? new ImageShape(side, side, 1) : new ImageShape(1, 1, inFeatures);
    }

    private static string Describe(NetworkStage stage) => stage.Kind switch
    {
        LayerKind.FullyConnected => $"{stage.FanIn}×{stage.FanOut} layer",
        LayerKind.Convolution => $"{stage.Input}→{stage.Output} convolution",
        _ => $"{stage.Input}→{stage.Output} pool",
    };

    private static string Name(TrainingOptions options, int layer) =>
        options.Layers.Count > 0
            ? layer < options.Layers.Count ? $"layers[{layer}]={options.Layers[layer]}" : "the output layer"
            : layer < options.Hidden.Count ? $"hidden[{layer}]={options.Hidden[layer]}" : "the output layer";
}
