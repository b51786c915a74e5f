namespace Sweep.Engine.Model;

/// <summary>Gradient buffers shaped like a network's parameters: Weights[l] is [in, out], Biases[l] is [out].</summary>
public sealed class Gradients
{
    public Gradients(Network network)
    {
        Weights = network.Layers.Select(layer => new float[layer.Weights.Length]).ToArray();
        Biases = network.Layers.Select(layer => new float[layer.Biases.Length]).ToArray();
    }

    public float[][] Weights { get; }
    public float[][] Biases { get; }
}
