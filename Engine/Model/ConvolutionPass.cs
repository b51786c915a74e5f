using System.Numerics;
using Sweep.Engine.Kernels;

namespace Sweep.Engine.Model;

/// <summary>
/// Forward and backward of one convolution stage (+ ReLU) over a batch, through im2col and the packed GEMM.
/// The batch is cut into chunks of <see cref="ImagesPerChunk"/> images, a number fixed by the layer's shape alone (never
/// by the thread count), so the im2col buffer stays small (about <see cref="ColsBudgetFloats"/>) and in cache. Threads
/// take whole chunks. Per chunk: forward Y = cols·W (+ bias, ReLU); backward the ReLU's mask, the chunk's weight
/// gradient colsᵀ·dY and bias gradient (its rows summed in order) into the chunk's own partial, and, when the stage is
/// not the first, dCols = dY·Wᵀ and col2im into the input's gradient. The partials are then summed in chunk order, so
/// every bit is the same for any thread count. x, y: [batch, H, W, C] (NHWC); W: [k·k·inC, outC] in (ky, kx, c) order.
/// </summary>
public sealed class ConvolutionPass
{
    /// <summary>About 1 MB of im2col rows per chunk: a core's L2, where the GEMM's packing reads them back.</summary>
    public const int ColsBudgetFloats = 1 << 18;

    private readonly NetworkStage _stage;
    private int _threads;
    private readonly int _rowsPerImage;
    private readonly int _fanIn;
    private readonly int _outChannels;
    private readonly bool _inputGradient;
    private readonly int _maxWorkers;        // chunks of the largest batch: more threads would find no chunk to take
    // Per-worker scratch, grown when a trial's share of the cores grows (work-conserving sweeps), never shrunk.
    private float[][] _cols = [];        // [worker] -> [ImagesPerChunk·rowsPerImage, fanIn] + slack
    private float[][] _padded = [];      // [worker] -> one zero-bordered input image
    private float[][] _paddedGradient = []; // [worker] -> col2im's zero-bordered image (its border is summed into, so not _padded)
    private float[][] _planes = [];      // [worker] -> a chunk's zero-bordered images, channel by channel
    private float[][] _colsGradient = []; // [worker] -> like _cols; only when the input's gradient is needed
    private readonly float[][] _weightPartials; // [chunk] -> [fanIn, outChannels]
    private readonly float[][] _biasPartials;   // [chunk] -> [outChannels]

    /// <param name="colsBudgetFloats">The im2col budget that sets <see cref="ImagesPerChunk"/>; tests shrink it to get several chunks from tiny images.</param>
    public ConvolutionPass(NetworkStage stage, int maxBatch, int threads, bool inputGradient, int colsBudgetFloats = ColsBudgetFloats)
    {
        if (stage.Kind != LayerKind.Convolution) throw new ArgumentException($"{stage.Kind} is not a convolution");
        _stage = stage;
        _rowsPerImage = stage.Output.Height * stage.Output.Width;
        _fanIn = stage.FanIn;
        _outChannels = stage.Output.Channels;
        _inputGradient = inputGradient;
        ImagesPerChunk = ChunkImages(stage, maxBatch, colsBudgetFloats);
        _maxWorkers = Chunks(maxBatch);
        Threads = threads;
        _weightPartials = Enumerable.Range(0, Chunks(maxBatch)).Select(_ => new float[_fanIn * _outChannels]).ToArray();
        _biasPartials = Enumerable.Range(0, Chunks(maxBatch)).Select(_ => new float[_outChannels]).ToArray();
    }

    /// <summary>
    /// Threads of the next passes (at most the largest batch's chunks); the bits do not depend on it. Raising it
    /// allocates the new workers' scratch (about <see cref="ColsBudgetFloats"/> floats each), so a trial that started on a
    /// share of the cores takes the cores another trial freed.
    /// </summary>
    public int Threads
    {
        get => _threads;
        set
        {
            _threads = Math.Clamp(value, 1, _maxWorkers);
            if (_cols.Length < _threads) AddWorkers(_threads);
        }
    }

    private void AddWorkers(int workers)
    {
        var colsFloats = ImagesPerChunk * _rowsPerImage * _fanIn + Im2Col.Slack;
        _cols = Grown(_cols, workers, colsFloats);
        _padded = Grown(_padded, workers, Im2Col.PaddedFloats(_stage));
        _planes = Grown(_planes, workers, Im2Col.PaddedPlanesFloats(_stage, ImagesPerChunk));
        if (!_inputGradient) return;
        _paddedGradient = Grown(_paddedGradient, workers, Im2Col.PaddedFloats(_stage));
        _colsGradient = Grown(_colsGradient, workers, colsFloats);
    }

    /// <summary>The buffers, then new ones of <paramref name="floats"/> up to <paramref name="workers"/>.</summary>
    private static float[][] Grown(float[][] buffers, int workers, int floats) =>
        [.. buffers, .. Enumerable.Range(0, workers - buffers.Length).Select(_ => new float[floats])];

    /// <summary>Images per chunk: a function of the layer's shape only, so partial sums are the same for any thread count.</summary>
    public int ImagesPerChunk { get; }

    /// <summary>Images per chunk for a layer: as many as fill <see cref="ColsBudgetFloats"/>, at least 1, at most the batch.</summary>
    public static int ChunkImages(NetworkStage stage, int maxBatch, int colsBudgetFloats = ColsBudgetFloats) =>
        Math.Clamp(colsBudgetFloats / (stage.Output.Height * stage.Output.Width * stage.FanIn), 1, Math.Max(1, maxBatch));

    /// <summary>The floats this pass allocates for <paramref name="maxBatch"/> and <paramref name="threads"/> (for <see cref="Training.TrainingMemory"/>).</summary>
    public static long Floats(NetworkStage stage, int maxBatch, int threads, bool inputGradient)
    {
        var images = ChunkImages(stage, maxBatch);
        var chunks = (maxBatch + images - 1) / images;
        var workers = Math.Min(Math.Max(1, threads), chunks);
        long cols = (long)images * stage.Output.Height * stage.Output.Width * stage.FanIn + Im2Col.Slack;
        return workers * ((inputGradient ? 2 : 1) * (cols + Im2Col.PaddedFloats(stage)) + Im2Col.PaddedPlanesFloats(stage, images)) + (long)chunks * (stage.FanIn + 1) * stage.Output.Channels;
    }

    private int Chunks(int batch) => (batch + ImagesPerChunk - 1) / ImagesPerChunk;

    /// <summary>
    /// output = ReLU(conv(input) + bias). input: [batch, H, W, inC]; output: [batch, outH, outW, outC]. With
    /// <paramref name="pool"/>, each chunk's output is also max-pooled into <paramref name="pooled"/> on the same thread,
    /// while it is still in that core's cache.
    /// </summary>
    public void Forward(float[] input, DenseLayer layer, float[] output, int batch, MaxPoolPass? pool = null, float[]? pooled = null) =>
        WorkSplit.Ranges(Chunks(batch), _threads, (worker, first, end) =>
        {
            for (var chunk = first; chunk < end; chunk++)
            {
                var (start, images) = ChunkImages(chunk, batch);
                var rows = images * _rowsPerImage;
                var colsT = _cols[worker];
                Im2Col.ExpandTransposed(input.AsSpan(start * _stage.Input.Features, images * _stage.Input.Features), images, _stage, _planes[worker], colsT);
                var y = output.AsSpan(start * _rowsPerImage * _outChannels, rows * _outChannels);
                // y = colsTᵀ·W: with A stored [k, m] and a narrow W, the GEMM reads the big operand in place.
                Gemm.Multiply(colsT, layer.Weights, y, rows, _outChannels, _fanIn, transA: true);
                Relu.AddBiasAndActivate(y, layer.Biases, rows, relu: true);
                pool?.ForwardImages(output, pooled!, start, start + images);
            }
        });

    /// <summary>
    /// After <see cref="Forward"/>: outputGradient holds dLoss/d(output) and becomes dLoss/d(pre-ReLU output); the layer's
    /// gradients are written to <paramref name="weightGradient"/> and <paramref name="biasGradient"/>; and, when the
    /// pass was built with inputGradient, <paramref name="inputGradient"/> receives dLoss/d(input). With
    /// <paramref name="pool"/> (the one <see cref="Forward"/> pooled into), each chunk's outputGradient is first made from
    /// <paramref name="pooledGradient"/> by that pool's backward, on the thread that then reads it.
    /// </summary>
    public void Backward(float[] input, float[] output, float[] outputGradient, DenseLayer layer,
        float[] weightGradient, float[] biasGradient, float[]? inputGradient, int batch, MaxPoolPass? pool = null, float[]? pooledGradient = null)
    {
        var chunks = Chunks(batch);
        WorkSplit.Ranges(chunks, _threads, (worker, first, end) =>
        {
            for (var chunk = first; chunk < end; chunk++)
            {
                var (start, images) = ChunkImages(chunk, batch);
                var rows = images * _rowsPerImage;
                var offset = start * _rowsPerImage * _outChannels;
                pool?.BackwardImages(pooledGradient!, outputGradient, start, start + images);
                var dy = outputGradient.AsSpan(offset, rows * _outChannels);
                Relu.Backward(dy, output.AsSpan(offset, rows * _outChannels));
                var cols = Expand(worker, input, start, images);
                Gemm.Multiply(cols, dy, _weightPartials[chunk], _fanIn, _outChannels, rows, transA: true);
                BiasGradient.SumRows(dy, rows, _biasPartials[chunk]);
                if (inputGradient is null) continue;
                if (_colsGradient.Length == 0) throw new InvalidOperationException("this pass was built without the input's gradient");
                var colsGradient = _colsGradient[worker].AsSpan(0, rows * _fanIn);
                Gemm.Multiply(dy, layer.Weights, colsGradient, rows, _fanIn, _outChannels, transB: true);
                var inFeatures = _stage.Input.Features;
                for (var image = 0; image < images; image++)
                    Im2Col.Collapse(colsGradient.Slice(image * _rowsPerImage * _fanIn, _rowsPerImage * _fanIn), _stage, _paddedGradient[worker],
                        inputGradient.AsSpan((start + image) * inFeatures, inFeatures));
            }
        });
        SumInChunkOrder(_weightPartials, chunks, weightGradient);
        SumInChunkOrder(_biasPartials, chunks, biasGradient);
    }

    private (int Start, int Images) ChunkImages(int chunk, int batch)
    {
        var start = chunk * ImagesPerChunk;
        return (start, Math.Min(ImagesPerChunk, batch - start));
    }

    /// <summary>The im2col rows of images [start, start + images) in the worker's buffer.</summary>
    private Span<float> Expand(int worker, float[] input, int start, int images)
    {
        var inFeatures = _stage.Input.Features;
        var rowsFloats = _rowsPerImage * _fanIn;
        var cols = _cols[worker];
        for (var image = 0; image < images; image++)
            Im2Col.Expand(input.AsSpan((start + image) * inFeatures, inFeatures), _stage, _padded[worker],
                cols.AsSpan(image * rowsFloats, rowsFloats + Im2Col.Slack));
        return cols.AsSpan(0, images * rowsFloats);
    }

    /// <summary>total = partial 0 + partial 1 + ... in chunk order, element by element: the same bits for any thread count.</summary>
    private void SumInChunkOrder(float[][] partials, int chunks, float[] total)
    {
        var workers = total.Length >= 1 << 14 ? _threads : 1; // small sums cost less than a thread hand-off
        var step = Vector<float>.Count;
        WorkSplit.Ranges((total.Length + step - 1) / step, workers, (_, first, end) =>
        {
            var (from, to) = (first * step, Math.Min(total.Length, end * step));
            var sum = total.AsSpan(from, to - from);
            partials[0].AsSpan(from, to - from).CopyTo(sum);
            for (var chunk = 1; chunk < chunks; chunk++)
            {
                var partial = partials[chunk].AsSpan(from, to - from);
                var i = 0;
                for (; i <= sum.Length - step; i += step) (new Vector<float>(sum[i..]) + new Vector<float>(partial[i..])).CopyTo(sum[i..]);
                for (; i < sum.Length; i++) sum[i] += partial[i];
            }
        });
    }
}
