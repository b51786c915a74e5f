using Sweep.Engine.Data;
using Sweep.Engine.Kernels;

namespace Sweep.Engine.Model;

/// <summary>
/// Forward and backward passes of a <see cref="Network"/> over mini-batches, with every buffer allocated once
/// for the largest batch. Activations: [batch, features] per stage (NHWC images for convolutions and pools); the last
/// stage's are the logits. Convolutions and pools run in <see cref="ConvolutionPass"/> and <see cref="MaxPoolPass"/>.
/// Not thread-safe: one workspace per training run (the passes inside use the requested threads).
/// </summary>
public sealed class NetworkWorkspace
{
    private readonly Network _network;
    private readonly IReadOnlyList<NetworkStage> _stages;
    private readonly int _maxBatch;
    private int _threads;
    private readonly float[][] _activations; // [stage] -> [maxBatch, out features]; after ReLU (and dropout) for hidden layers
    private readonly float[][] _deltas;      // [stage] -> [maxBatch, out features]; dLoss/d(that stage's output)
    private readonly ConvolutionPass?[] _convolutions;
    private readonly MaxPoolPass?[] _pools;
    private readonly int[] _stageOfLayer;    // parameter layer -> its stage
    private readonly InputColumnCompaction? _compaction;
    private DropoutMask _dropout; // the last Forward's, which Backward must go back through

    /// <param name="compactBlankInputs">Skip input features that are zero across the batch (same results, less work); false
    /// keeps them (the same products otherwise, which tests compare with).</param>
    public NetworkWorkspace(Network network, int maxBatch, int threads = 1, bool compactBlankInputs = true)
    {
        if (maxBatch < 1) throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, "batch must be >= 1");
        _network = network;
        _stages = network.Stages;
        _maxBatch = maxBatch;
        _threads = Math.Max(1, threads);
        _activations = _stages.Select(stage => new float[maxBatch * stage.Output.Features]).ToArray();
        _deltas = _stages.Select(stage => new float[maxBatch * stage.Output.Features]).ToArray();
        _convolutions = _stages.Select((stage, s) => stage.Kind == LayerKind.Convolution
            ? new ConvolutionPass(stage, maxBatch, _threads, inputGradient: s > 0) : null).ToArray();
        _pools = _stages.Select(stage => stage.Kind == LayerKind.MaxPool ? new MaxPoolPass(stage, maxBatch, _threads) : null).ToArray();
        _stageOfLayer = _stages.Select((stage, s) => (stage, s)).Where(x => x.stage.HasParameters).Select(x => x.s).ToArray();
        Gradients = new Gradients(network);
        // Gathering the kept columns costs about as much as a 784×10 product saves, so narrow first layers skip it.
        var first = _stages[0];
        if (first.Kind == LayerKind.FullyConnected && first.FanOut >= InputColumnCompaction.MinimumOutFeatures)
            _compaction = new InputColumnCompaction(network.InFeatures, first.FanOut, maxBatch, _threads, skipBlankColumns: compactBlankInputs);
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
            foreach (var convolution in _convolutions) if (convolution is not null) convolution.Threads = _threads;
            foreach (var pool in _pools) if (pool is not null) pool.Threads = _threads;
        }
    }

    /// <summary>Logits [batch, classes] of the last <see cref="Forward"/>.</summary>
    public ReadOnlySpan<float> Logits(int batch) => _activations[^1].AsSpan(0, batch * _network.Classes);

    /// <summary>
    /// Activations [batch, features] of parameter layer <paramref name="layer"/> in the last <see cref="Forward"/>: after
    /// ReLU (and dropout, for a hidden fc layer), logits for the last.
    /// </summary>
    public ReadOnlySpan<float> Activations(int layer, int batch) =>
        _activations[_stageOfLayer[layer]].AsSpan(0, batch * _stages[_stageOfLayer[layer]].Output.Features);

    /// <summary>
    /// input: [batch, inFeatures] (NHWC images). Returns the logits [batch, classes]. <paramref name="dropout"/> (training
    /// only) is applied after every hidden fc layer's ReLU; the default applies none, as evaluation needs.
    /// </summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, int batch, DropoutMask dropout = default) =>
        Forward(input, null, batch, dropout);

    /// <summary>
    /// Whether the first layer reads only some columns of its input (<see cref="InputColumnCompaction"/>), and so can
    /// take a batch as rows of the 8-bit dataset (<see cref="Forward(ShuffledPixelRows, int, DropoutMask)"/>).
    /// </summary>
    public bool TakesPixelRows => _compaction is not null;

    /// <summary>
    /// <see cref="Forward(ReadOnlySpan{float}, int, DropoutMask)"/> of the batch order[start ..] of an 8-bit dataset,
    /// read by the first layer's compaction straight from the bytes (the same floats, so the same bits); only when
    /// <see cref="TakesPixelRows"/>. <see cref="Backward"/> then takes an empty input.
    /// </summary>
    public ReadOnlySpan<float> Forward(ShuffledPixelRows input, int batch, DropoutMask dropout = default)
    {
        if (!TakesPixelRows) throw new InvalidOperationException("this network's first layer reads its whole input: gather the batch as floats");
        return Forward([], input, batch, dropout);
    }

    private ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, ShuffledPixelRows? pixels, int batch, DropoutMask dropout)
    {
        CheckBatch(batch);
        _dropout = dropout;
        var layers = _network.Layers;
        var x = input;
        float[]? xArray = null; // the previous stage's buffer, which the passes take whole
        var mark = PassProfile.Mark();
        for (var s = 0; s < _stages.Count; s++)
        {
            var stage = _stages[s];
            var z = _activations[s].AsSpan(0, batch * stage.Output.Features);
            switch (stage.Kind)
            {
                case LayerKind.FullyConnected:
                    var l = stage.Layer;
                    var layer = layers[l];
                    if (s == 0 && _compaction is not null)
                    {
                        if (pixels is { } rows) _compaction.Compact(rows, batch);
                        else _compaction.Compact(x, batch);
                        PassProfile.Lap(ref mark, TrainingPass.Compaction);
                        _compaction.MultiplyByKeptWeights(_activations[s], batch, layer.Weights);
                        PassProfile.Lap(ref mark, TrainingPass.Products);
                        _compaction.AddSegmentsBiasAndActivate(_activations[s], layer.Biases, batch, relu: l < layers.Count - 1);
                    }
                    else if (s > 0 && FullyConnectedRows.Applies(batch, layer.InFeatures, layer.OutFeatures, _threads))
                    {
                        // Product, bias and ReLU per block of rows, on the thread that wrote that block of x. Not on the
                        // network's input (softmax regression), which one thread gathered: split, it ran 0.5× as fast.
                        FullyConnectedRows.Forward(x, layer.Weights, layer.Biases, z, batch, relu: l < layers.Count - 1, _threads);
                        PassProfile.Lap(ref mark, TrainingPass.Products);
                    }
                    else
                    {
                        Gemm.Multiply(x, layer.Weights, z, batch, layer.OutFeatures, layer.InFeatures, threads: _threads);
                        PassProfile.Lap(ref mark, TrainingPass.Products);
                        Relu.AddBiasAndActivate(z, layer.Biases, batch, relu: l < layers.Count - 1, _threads);
                    }
                    if (dropout.IsActive && l < layers.Count - 1) dropout.Apply(z, l, batch, _threads);
                    PassProfile.Lap(ref mark, TrainingPass.Elementwise);
                    break;
                case LayerKind.Convolution:
                    var pool = PoolAfter(s);
                    _convolutions[s]!.Forward(xArray ?? InputArray(input, batch), layers[stage.Layer], _activations[s], batch,
                        pool, pool is null ? null : _activations[s + 1]);
                    PassProfile.Lap(ref mark, TrainingPass.Convolution);
                    break;
                default:
                    if (!RunsInsideConvolution(s))
                        _pools[s]!.Forward(xArray ?? InputArray(input, batch), _activations[s], batch);
                    PassProfile.Lap(ref mark, TrainingPass.Pooling);
                    break;
            }
            x = z;
            xArray = _activations[s];
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
        var last = _stages.Count - 1;
        var classes = _network.Classes;
        var mark = PassProfile.Mark();
        var dataLoss = SoftmaxCrossEntropy.LossAndGradient(
            Logits(batch), labels, batch, classes, _deltas[last].AsSpan(0, batch * classes), 1f / batch, _threads);
        PassProfile.Lap(ref mark, TrainingPass.Loss);

        for (var s = last; s >= 0; s--)
        {
            var stage = _stages[s];
            if (stage.Kind == LayerKind.Convolution)
            {
                var l = stage.Layer;
                var pool = PoolAfter(s);
                _convolutions[s]!.Backward(s == 0 ? InputArray(input, batch) : _activations[s - 1], _activations[s], _deltas[s], layers[l],
                    Gradients.Weights[l], Gradients.Biases[l], s > 0 ? _deltas[s - 1] : null, batch, pool, pool is null ? null : _deltas[s + 1]);
                PassProfile.Lap(ref mark, TrainingPass.Convolution);
            }
            else if (stage.Kind == LayerKind.MaxPool)
            {
                if (s > 0 && !RunsInsideConvolution(s)) _pools[s]!.Backward(_deltas[s], _deltas[s - 1], batch);
                PassProfile.Lap(ref mark, TrainingPass.Pooling);
            }
            else
            {
                BackwardFullyConnected(s, input, batch, ref mark);
            }
        }
        return dataLoss / batch;
    }

    private void BackwardFullyConnected(int s, ReadOnlySpan<float> input, int batch, ref long mark)
    {
        var stage = _stages[s];
        var l = stage.Layer;
        var layer = _network.Layers[l];
        var delta = _deltas[s].AsSpan(0, batch * layer.OutFeatures);
        ReadOnlySpan<float> layerInput = s == 0 ? input : _activations[s - 1].AsSpan(0, batch * layer.InFeatures);

        // dW = inputᵀ·delta : [in, batch]·[batch, out]
        var weightGradient = Gradients.Weights[l];
        if (s == 0 && _compaction is not null)
        {
            // The bias gradient too, each core summing its share of delta's columns after its product (timed with it).
            _compaction.WeightGradient(_deltas[s], batch, Gradients.Biases[l]);
            PassProfile.Lap(ref mark, TrainingPass.Products);
            _compaction.ScatterGradient(weightGradient);
            PassProfile.Lap(ref mark, TrainingPass.Compaction);
        }
        else
        {
            Gemm.Multiply(layerInput, delta, weightGradient, layer.InFeatures, layer.OutFeatures, batch, transA: true, threads: _threads);
            PassProfile.Lap(ref mark, TrainingPass.Products);
            BiasGradient.SumRows(delta, batch, Gradients.Biases[l], _threads);
            PassProfile.Lap(ref mark, TrainingPass.Elementwise);
        }

        if (s > 0)
        {
            // dInput = delta·Wᵀ : [batch, out]·[out, in]; then back through the previous fc layer's dropout and ReLU
            // (a convolution undoes its own ReLU, per chunk; a pool has none).
            var previousDelta = _deltas[s - 1].AsSpan(0, batch * layer.InFeatures);
            var previousIsFullyConnected = _stages[s - 1].Kind == LayerKind.FullyConnected;
            var previousActivations = _activations[s - 1].AsSpan(0, batch * layer.InFeatures);
            var dropoutScale = _dropout.IsActive ? _dropout.Scale : 1f;
            if (previousIsFullyConnected && FullyConnectedRows.Applies(batch, layer.InFeatures, layer.OutFeatures, _threads))
            {
                // Product and ReLU backward per block of rows, each on the thread whose block of activations it reads.
                FullyConnectedRows.InputGradient(delta, layer.Weights, layer.OutFeatures, previousActivations, previousDelta, dropoutScale, batch, _threads);
                PassProfile.Lap(ref mark, TrainingPass.Products);
                return;
            }
            Gemm.Multiply(delta, layer.Weights, previousDelta, batch, layer.InFeatures, layer.OutFeatures, transB: true, threads: _threads);
            PassProfile.Lap(ref mark, TrainingPass.Products);
            if (previousIsFullyConnected) Relu.Backward(previousDelta, previousActivations, dropoutScale, _threads);
            PassProfile.Lap(ref mark, TrainingPass.Elementwise);
        }
    }

    /// <summary>
    /// The pool right after convolution stage <paramref name="s"/>, if any: the convolution runs it chunk by chunk, so the
    /// pool reads (and its backward writes) each chunk's output while it is in the core's cache rather than a whole
    /// batch's (5 MB after conv5x5:16 at batch 100) from memory. Pools are per image, so the bits are the same.
    /// </summary>
    private MaxPoolPass? PoolAfter(int s) =>
        s + 1 < _stages.Count && _stages[s].Kind == LayerKind.Convolution ? _pools[s + 1] : null;

    /// <summary>Whether pool stage <paramref name="s"/> is run by the convolution before it (<see cref="PoolAfter"/>), not on its own.</summary>
    private bool RunsInsideConvolution(int s) => s > 0 && PoolAfter(s - 1) is not null;

    /// <summary>The passes take arrays (they hand them to worker threads); a network input that is not one is copied once.</summary>
    private float[] InputArray(ReadOnlySpan<float> input, int batch)
    {
        var floats = batch * _network.InFeatures;
        _input ??= new float[_maxBatch * _network.InFeatures];
        input[..floats].CopyTo(_input);
        return _input;
    }

    private float[]? _input;

    private void CheckBatch(int batch)
    {
        if (batch < 1 || batch > _maxBatch)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"batch must be in [1, {_maxBatch}]");
    }
}
