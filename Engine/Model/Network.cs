using Sweep.Engine.Randomness;

namespace Sweep.Engine.Model;

/// <summary>
/// A fully connected classifier: ReLU between layers, raw logits out (softmax lives in the loss).
/// No hidden layer is softmax regression. Holds parameters only; buffers live in <see cref="NetworkWorkspace"/>.
/// </summary>
public sealed class Network
{
    public const double TutorialWeightStd = 0.01;

    public Network(IReadOnlyList<DenseLayer> layers)
    {
        if (layers.Count == 0) throw new ArgumentException("a network needs at least one layer");
        for (var i = 1; i < layers.Count; i++)
        {
            if (layers[i].InFeatures != layers[i - 1].OutFeatures)
                throw new ArgumentException($"layer {i} takes {layers[i].InFeatures} inputs but layer {i - 1} gives {layers[i - 1].OutFeatures}");
        }
        Layers = layers;
    }

    public IReadOnlyList<DenseLayer> Layers { get; }
    public int InFeatures => Layers[0].InFeatures;
    public int Classes => Layers[^1].OutFeatures;

    /// <summary>Widths from input to output, e.g. [784, 500, 10].</summary>
    public int[] Widths => [InFeatures, .. Layers.Select(layer => layer.OutFeatures)];

    /// <summary>Small random weights and zero biases, drawn layer by layer from <paramref name="random"/>.</summary>
    public static Network Create(IReadOnlyList<int> widths, WeightInit init, DeterministicRandom random)
    {
        if (widths.Count < 2) throw new ArgumentException("widths need at least an input and an output size");
        if (widths.Any(width => width < 1)) throw new ArgumentOutOfRangeException(nameof(widths), string.Join(',', widths), "every width must be >= 1");
        var layers = new List<DenseLayer>();
        for (var i = 0; i + 1 < widths.Count; i++)
        {
            var (inFeatures, outFeatures) = (widths[i], widths[i + 1]);
            var std = init == WeightInit.He ? Math.Sqrt(2.0 / inFeatures) : TutorialWeightStd;
            var weights = new float[inFeatures * outFeatures];
            for (var j = 0; j < weights.Length; j++) weights[j] = (float)(std * random.NextGaussian());
            layers.Add(new DenseLayer(inFeatures, outFeatures, weights, new float[outFeatures]));
        }
        return new Network(layers);
    }
}
