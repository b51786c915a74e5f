using Sweep.Engine.Kernels;

namespace Sweep.Engine.Model;

/// <summary>
/// Forward and backward passes of a <see cref="Network"/> over mini-batches, with every buffer allocated once
/// for the largest batch. Activations: [batch, width] per layer; the last layer's are the logits.
/// Not thread-safe: one workspace per training run (the GEMMs inside use the requested threads).
/// </summary>
public sealed class NetworkWorkspace
{
    private readonly Network _network;
    private readonly int _maxBatch;
    private int _threads;
    private readonly float[][] _activations; // [layer] -> [maxBatch, outFeatures]; post-ReLU for hidden layers
    private readonly float[][] _deltas;      // [layer] -> [maxBatch, outFeatures]; dLoss/dz of that layer
    private readonly InputColumnCompaction? _compaction;
    private DropoutMask _dropout; // the last Forward's, which Backward must go back through

    /// <param name="compactBlankInputs">Skip input features that are zero across the batch (same results, less work).</param>
    public NetworkWorkspace(Network network, int maxBatch, int threads = 1, bool compactBlankInputs = true)
    {
        if (maxBatch < 1) throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, "batch must be >= 1");
        _network = network;
        _maxBatch = maxBatch;
        _threads = Math.Max(1, threads);
        _activations = network.Layers.Select(layer => new float[maxBatch * layer.OutFeatures]).ToArray();
        _deltas = network.Layers.Select(layer => new float[maxBatch * layer.OutFeatures]).ToArray();
        Gradients = new Gradients(network);
        // Gathering the kept columns costs about as much as a 784×10 product saves, so narrow first layers skip it.
        if (compactBlankInputs && network.Layers[0].OutFeatures >= InputColumnCompaction.MinimumOutFeatures)
            _compaction = new InputColumnCompaction(network.InFeatures, network.Layers[0].OutFeatures, maxBatch, _threads);
    }

    public Gradients Gradients { get; }

    /// <summary>The threads the next passes use; a trial's share of the cores may change between batches.</summary>
    public int Threads
    {
        get => _threads;
        set
        {
            _threads = Math.Max(1, value);
            if (_compaction is not null) _compaction.Threads = _threads;
        }
    }

    /// <summary>Logits [batch, classes] of the last <see cref="Forward"/>.</summary>
    public ReadOnlySpan<float> Logits(int batch) => _activations[^1].AsSpan(0, batch * _network.Classes);

    /// <summary>Activations [batch, width] of layer <paramref name="layer"/> in the last <see cref="Forward"/>: after ReLU and dropout for a hidden layer, logits for the last.</summary>
    public ReadOnlySpan<float> Activations(int layer, int batch) => _activations[layer].AsSpan(0, batch * _network.Layers[layer].OutFeatures);

    /// <summary>
    /// input: [batch, inFeatures]. Returns the logits [batch, classes]. <paramref name="dropout"/> (training only) is applied
    /// after every hidden layer's ReLU; the default applies none, as evaluation needs.
    /// </summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, int batch, DropoutMask dropout = default)
    {
        CheckBatch(batch);
        _dropout = dropout;
        var layers = _network.Layers;
        var x = input;
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var z = _activations[l].AsSpan(0, batch * layer.OutFeatures);
            if (l == 0 && _compaction is not null) _compaction.Compact(x, batch);
            if (l == 0 && _compaction is { IsCompacted: true })
                _compaction.MultiplyByKeptWeights(z, batch, layer.Weights);
            else
                Gemm.Multiply(x, layer.Weights, z, batch, layer.OutFeatures, layer.InFeatures, threads: _threads);
            Relu.AddBiasAndActivate(z, layer.Biases, batch, relu: l < layers.Count - 1, _threads);
            if (dropout.IsActive && l < layers.Count - 1) dropout.Apply(z, l, batch);
            x = z;
        }
        return Logits(batch);
    }

    /// <summary>
    /// After <see cref="Forward"/> on the same input (and with the same dropout): fills <see cref="Gradients"/> with the gradient of the batch's
    /// mean cross-entropy, and returns that loss. Weight decay is not here: the optimiser adds its gradient λ·W
    /// (<see cref="Training.Optimizer"/>; AdamW decays instead), in the same pass that updates the weights.
    /// </summary>
    public double Backward(ReadOnlySpan<float> input, ReadOnlySpan<byte> labels, int batch)
    {
        CheckBatch(batch);
        var layers = _network.Layers;
        var last = layers.Count - 1;
        var classes = _network.Classes;
        var dataLoss = SoftmaxCrossEntropy.LossAndGradient(
            Logits(batch), labels, batch, classes, _deltas[last].AsSpan(0, batch * classes), 1f / batch, _threads);

        for (var l = last; l >= 0; l--)
        {
            var layer = layers[l];
            var delta = _deltas[l].AsSpan(0, batch * layer.OutFeatures);
            ReadOnlySpan<float> layerInput = l == 0 ? input : _activations[l - 1].AsSpan(0, batch * layer.InFeatures);

            // dW = inputᵀ·delta : [in, batch]·[batch, out]
            var weightGradient = Gradients.Weights[l];
            if (l == 0 && _compaction is { IsCompacted: true })
            {
                Gemm.Multiply(_compaction.CompactInput(batch), delta, _compaction.CompactGradient, _compaction.ActiveCount, layer.OutFeatures, batch, transA: true, threads: _threads);
                _compaction.ScatterGradient(weightGradient);
            }
            else
            {
                Gemm.Multiply(layerInput, delta, weightGradient, layer.InFeatures, layer.OutFeatures, batch, transA: true, threads: _threads);
            }
            BiasGradient.SumRows(delta, batch, Gradients.Biases[l], _threads);

            if (l > 0)
            {
                // dInput = delta·Wᵀ : [batch, out]·[out, in], then through the previous layer's dropout and ReLU.
                var previousDelta = _deltas[l - 1].AsSpan(0, batch * layer.InFeatures);
                Gemm.Multiply(delta, layer.Weights, previousDelta, batch, layer.InFeatures, layer.OutFeatures, transB: true, threads: _threads);
                Relu.Backward(previousDelta, _activations[l - 1].AsSpan(0, batch * layer.InFeatures), _dropout.IsActive ? _dropout.Scale : 1f, _threads);
            }
        }
        return dataLoss / batch;
    }

    private void CheckBatch(int batch)
    {
        if (batch < 1 || batch > _maxBatch)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"batch must be in [1, {_maxBatch}]");
    }
}
