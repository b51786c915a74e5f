namespace Sweep.Engine.Model;

/// <summary>
/// Parameters of one fully connected layer: y = x·W + b.
/// weights: [inFeatures, outFeatures] row-major; biases: [outFeatures].
/// </summary>
public sealed class DenseLayer
{
    public DenseLayer(int inFeatures, int outFeatures, float[] weights, float[] biases)
    {
        if (weights.Length != inFeatures * outFeatures)
            throw new ArgumentException($"weights hold {weights.Length} floats, expected {inFeatures} x {outFeatures}");
        if (biases.Length != outFeatures)
            throw new ArgumentException($"biases hold {biases.Length} floats, expected {outFeatures}");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weights = weights;
        Biases = biases;
    }

    public int InFeatures { get; }
    public int OutFeatures { get; }
    public float[] Weights { get; }
    public float[] Biases { get; }
}
