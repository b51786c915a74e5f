using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>
/// One value per parameter of a network, the optimiser state's unit (momentum's velocity, Adam's m or v):
/// Weights[l] is [inFeatures·outFeatures] and Biases[l] is [outFeatures], the shapes of <see cref="DenseLayer"/>.
/// </summary>
public sealed record ParameterBuffers(float[][] Weights, float[][] Biases)
{
    /// <summary>Zeros shaped like <paramref name="network"/>'s parameters.</summary>
    public static ParameterBuffers ZerosLike(Network network) => new(
        network.Layers.Select(layer => new float[layer.Weights.Length]).ToArray(),
        network.Layers.Select(layer => new float[layer.Biases.Length]).ToArray());

    public ParameterBuffers Copy() => new(
        Weights.Select(layer => (float[])layer.Clone()).ToArray(),
        Biases.Select(layer => (float[])layer.Clone()).ToArray());

    /// <summary>Copies <paramref name="source"/>'s values into these arrays (same shapes).</summary>
    public void CopyFrom(ParameterBuffers source)
    {
        for (var l = 0; l < Weights.Length; l++)
        {
            source.Weights[l].CopyTo(Weights[l], 0);
            source.Biases[l].CopyTo(Biases[l], 0);
        }
    }
}
