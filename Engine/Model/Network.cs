using Sweep.Engine.Randomness;

namespace Sweep.Engine.Model;

/// <summary>
/// A classifier: an input image shape, hidden layers (<see cref="LayerSpec"/>: convolutions and fully connected layers
/// with ReLU, 2×2 max-pools) and the fully connected output layer, raw logits out (softmax lives in the loss). No hidden
/// layer is softmax regression. Holds parameters only (<see cref="Layers"/>, one per conv or fc layer); buffers live in
/// <see cref="NetworkWorkspace"/>.
/// </summary>
public sealed class Network
{
    public const double TutorialWeightStd = 0.01;

    /// <summary>A fully connected network on flat inputs: each layer takes the previous one's outputs.</summary>
    public Network(IReadOnlyList<DenseLayer> layers)
        : this(CheckChain(layers), layers.SkipLast(1).Select(layer => LayerSpec.FullyConnected(layer.OutFeatures)).ToArray(), layers)
    {
    }

    /// <param name="layers">One per conv or fc stage of <see cref="NetworkStage.Plan"/>, shaped [fan-in, fan-out].</param>
    public Network(ImageShape input, IReadOnlyList<LayerSpec> hidden, IReadOnlyList<DenseLayer> layers)
    {
        if (layers.Count == 0) throw new ArgumentException("a network needs at least one layer");
        Stages = NetworkStage.Plan(input, hidden, layers[^1].OutFeatures);
        var parameterised = Stages.Where(stage => stage.HasParameters).ToArray();
        if (parameterised.Length != layers.Count)
            throw new ArgumentException($"layers [{LayerSpec.Format(hidden)}] and the output layer need {parameterised.Length} parameter layers, got {layers.Count}");
        foreach (var stage in parameterised)
        {
            var layer = layers[stage.Layer];
            if (layer.InFeatures != stage.FanIn || layer.OutFeatures != stage.FanOut)
                throw new ArgumentException($"parameter layer {stage.Layer} is {layer.InFeatures}×{layer.OutFeatures}, its {stage.Kind} needs {stage.FanIn}×{stage.FanOut}");
        }
        InputShape = input;
        Hidden = hidden.ToArray();
        Layers = layers;
    }

    public IReadOnlyList<DenseLayer> Layers { get; }

    /// <summary>The hidden layers as specified (fc-only for a network built from widths).</summary>
    public IReadOnlyList<LayerSpec> Hidden { get; }

    /// <summary>The forward pass, first stage first; the last is the output layer.</summary>
    public IReadOnlyList<NetworkStage> Stages { get; }

    public ImageShape InputShape { get; }
    public int InFeatures => InputShape.Features;
    public int Classes => Layers[^1].OutFeatures;

    /// <summary>Whether every layer is fully connected: the network <c>hidden</c> describes, whose <see cref="Widths"/> say it all.</summary>
    public bool IsFullyConnected => Hidden.All(layer => layer.Kind == LayerKind.FullyConnected);

    /// <summary>The input's features, then each parameter layer's outputs, e.g. [784, 500, 10].</summary>
    public int[] Widths => [InFeatures, .. Layers.Select(layer => layer.OutFeatures)];

    /// <summary>Each parameter layer's weights as [fan-in, fan-out].</summary>
    public (int FanIn, int FanOut)[] ParameterShapes => Layers.Select(layer => (layer.InFeatures, layer.OutFeatures)).ToArray();

    /// <summary>Small random weights and zero biases, drawn layer by layer from <paramref name="random"/>.</summary>
    public static Network Create(IReadOnlyList<int> widths, WeightInit init, DeterministicRandom random)
    {
        if (widths.Count < 2) throw new ArgumentException("widths need at least an input and an output size");
        if (widths.Any(width => width < 1)) throw new ArgumentOutOfRangeException(nameof(widths), string.Join(',', widths), "every width must be >= 1");
        return Create(new ImageShape(1, 1, widths[0]), widths.Skip(1).SkipLast(1).Select(LayerSpec.FullyConnected).ToArray(), widths[^1], init, random);
    }

    /// <summary>
    /// Small random weights and zero biases, drawn layer by layer from <paramref name="random"/>; a convolution's fan-in
    /// (for He's √(2 / fan-in)) is k·k·inChannels. An fc-only spec draws exactly what <see cref="Create(IReadOnlyList{int}, WeightInit, DeterministicRandom)"/> does.
    /// </summary>
    public static Network Create(ImageShape input, IReadOnlyList<LayerSpec> hidden, int classes, WeightInit init, DeterministicRandom random)
    {
        var layers = new List<DenseLayer>();
        foreach (var stage in NetworkStage.Plan(input, hidden, classes).Where(stage => stage.HasParameters))
        {
            var (inFeatures, outFeatures) = (stage.FanIn, stage.FanOut);
            var std = init == WeightInit.He ? Math.Sqrt(2.0 / inFeatures) : TutorialWeightStd;
            var weights = new float[inFeatures * outFeatures];
            for (var j = 0; j < weights.Length; j++) weights[j] = (float)(std * random.NextGaussian());
            layers.Add(new DenseLayer(inFeatures, outFeatures, weights, new float[outFeatures]));
        }
        return new Network(input, hidden, layers);
    }

    private static ImageShape CheckChain(IReadOnlyList<DenseLayer> layers)
    {
        if (layers.Count == 0) throw new ArgumentException("a network needs at least one layer");
        for (var i = 1; i < layers.Count; i++)
        {
            if (layers[i].InFeatures != layers[i - 1].OutFeatures)
                throw new ArgumentException($"layer {i} takes {layers[i].InFeatures} inputs but layer {i - 1} gives {layers[i - 1].OutFeatures}");
        }
        return new ImageShape(1, 1, layers[0].InFeatures);
    }
}
