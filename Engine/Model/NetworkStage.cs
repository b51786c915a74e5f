namespace Sweep.Engine.Model;

/// <summary>
/// One step of a network's forward pass, with the image shapes it reads and writes (NHWC, batch outermost): a k×k
/// convolution (stride 1) + ReLU, a 2×2 max-pool (stride 2, floor on odd sides), or a fully connected layer (+ ReLU
/// unless it is the output layer). A fully connected layer reads its input image as a flat vector: NHWC order, no copy.
/// Parameterised stages point at their <see cref="DenseLayer"/> in <see cref="Network.Layers"/>: a convolution's weights
/// are [k·k·inChannels, outChannels] in (ky, kx, c) order, a fully connected layer's [inFeatures, outFeatures].
/// </summary>
public sealed record NetworkStage(LayerKind Kind, ImageShape Input, ImageShape Output, int Layer, int Kernel = 0, Padding Padding = Padding.Same)
{
    /// <summary>Zero rows and columns added before the image's first row and column (as many after): (k − 1)/2 for same, 0 for valid.</summary>
    public int Pad => Kind == LayerKind.Convolution && Padding == Padding.Same ? (Kernel - 1) / 2 : 0;

    /// <summary>Rows of the parameter layer's weights: k·k·inChannels for a convolution, the input's features for fc, 0 for a pool.</summary>
    public int FanIn => Kind switch
    {
        LayerKind.Convolution => Kernel * Kernel * Input.Channels,
        LayerKind.FullyConnected => Input.Features,
        _ => 0,
    };

    /// <summary>Columns of the parameter layer's weights: output channels for a convolution, output features for fc.</summary>
    public int FanOut => Kind == LayerKind.Convolution ? Output.Channels : Output.Features;

    public bool HasParameters => Kind != LayerKind.MaxPool;

    /// <summary>
    /// The stages of <paramref name="hidden"/> on <paramref name="input"/>, then the output layer to <paramref name="classes"/>;
    /// <see cref="ArgumentException"/> with <see cref="LayerSpec.ShapeProblem"/>'s message when the layers do not fit the input.
    /// </summary>
    public static NetworkStage[] Plan(ImageShape input, IReadOnlyList<LayerSpec> hidden, int classes)
    {
        if (LayerSpec.ShapeProblem(hidden, input, out var shapes) is { } problem) throw new ArgumentException(problem);
        var stages = new NetworkStage[hidden.Count + 1];
        var shape = input;
        var layer = 0;
        for (var i = 0; i < hidden.Count; i++)
        {
            var spec = hidden[i];
            stages[i] = new NetworkStage(spec.Kind, shape, shapes[i], spec.Kind == LayerKind.MaxPool ? -1 : layer++, spec.Kernel, spec.Padding);
            shape = shapes[i];
        }
        stages[^1] = new NetworkStage(LayerKind.FullyConnected, shape, new ImageShape(1, 1, classes), layer);
        return stages;
    }
}
