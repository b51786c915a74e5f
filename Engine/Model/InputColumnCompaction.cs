using System.Numerics;
using Sweep.Engine.Kernels;
using Sweep.Engine.Parallelism;

namespace Sweep.Engine.Model;

/// <summary>
/// Drops the input features that are zero in every example of a batch before the first layer's products.
/// On MNIST about a third of the 784 pixels are blank across a whole batch of 100 (the borders), and a zero input
/// contributes exactly nothing to X·W or to Xᵀ·dZ, so both big products shrink by that third with the same result.
/// input: [batch, inFeatures] → compact input [batch, active], multiplied by the kept rows of weights [inFeatures, out];
/// the compact weight gradient [active, out] is scattered back, with zero rows for the dropped features.
/// </summary>
public sealed class InputColumnCompaction
{
    /// <summary>Below this fraction of blank columns the copies cost more than the products save.</summary>
    private const double MinimumBlankFraction = 0.05;

    /// <summary>First layers narrower than this gain less from the smaller products than the gathers cost.</summary>
    public const int MinimumOutFeatures = 32;

    /// <summary>Floats a thread should copy at least; the batch's gathers and the weight copy (~0.3M) split in two.</summary>
    private const int MinFloatsPerThread = 16384;

    private readonly int _inFeatures;
    private readonly int _outFeatures;
    private int _threads;
    private readonly int[] _active;
    private readonly int[] _compactIndex; // [inFeatures] -> position in _active, or -1 for a dropped feature
    private readonly int[] _runStarts;    // kept features as runs of consecutive columns: first column of each run
    private readonly int[] _runLengths;
    private int _runs;
    private readonly float[] _columnMarks;
    private readonly float[] _input;
    private readonly float[] _gradient;

    /// <summary>Threads of the next passes (a trial's share of the cores may change between batches).</summary>
    public int Threads
    {
        get => _threads;
        set => _threads = Math.Max(1, value);
    }

    /// <param name="threads">Threads the gathers and the scatter split their rows across (the results are the same).</param>
    public InputColumnCompaction(int inFeatures, int outFeatures, int maxBatch, int threads = 1)
    {
        _inFeatures = inFeatures;
        _outFeatures = outFeatures;
        _threads = Math.Max(1, threads);
        _active = new int[inFeatures];
        _compactIndex = new int[inFeatures];
        _runStarts = new int[inFeatures];
        _runLengths = new int[inFeatures];
        _columnMarks = new float[inFeatures];
        _input = new float[maxBatch * inFeatures];
        _gradient = new float[inFeatures * outFeatures];
    }

    /// <summary>Number of kept input features after the last <see cref="Compact"/>; 0 when the batch is used as is.</summary>
    public int ActiveCount { get; private set; }

    public bool IsCompacted => ActiveCount > 0;

    public ReadOnlySpan<float> CompactInput(int batch) => _input.AsSpan(0, batch * ActiveCount);
    /// <summary>The kept input features in increasing order (the rows of the weights the compact products use).</summary>
    public ReadOnlySpan<int> KeptFeatures => _active.AsSpan(0, ActiveCount);
    public Span<float> CompactGradient => _gradient.AsSpan(0, ActiveCount * _outFeatures);

    /// <summary>Finds the blank columns of the batch and, when there are enough, gathers the input's kept columns.</summary>
    public unsafe void Compact(ReadOnlySpan<float> input, int batch)
    {
        fixed (float* inputPointer = input, marks = _columnMarks)
        {
            var vectors = (_inFeatures + Vector<float>.Count - 1) / Vector<float>.Count;
            WorkerPool.For(WorkerPool.ThreadsFor(_threads, (long)batch * _inFeatures, MinFloatsPerThread), vectors,
                new MarkColumns(inputPointer, marks, batch, _inFeatures));
        }
        var active = 0;
        _runs = 0;
        for (var column = 0; column < _inFeatures; column++)
        {
            _compactIndex[column] = _columnMarks[column] != 0f ? active : -1;
            if (_columnMarks[column] == 0f) continue;
            _active[active++] = column;
            if (_runs > 0 && _runStarts[_runs - 1] + _runLengths[_runs - 1] == column)
            {
                _runLengths[_runs - 1]++;
            }
            else
            {
                _runStarts[_runs] = column;
                _runLengths[_runs++] = 1;
            }
        }
        if (active > _inFeatures * (1 - MinimumBlankFraction) || active == 0)
        {
            ActiveCount = 0;
            return;
        }
        ActiveCount = active;
        fixed (float* inputPointer = input, compactInput = _input)
        fixed (int* runStarts = _runStarts, runLengths = _runLengths)
        {
            // input [batch, in] → [batch, active]: one gathered row per unit.
            WorkerPool.For(WorkerPool.ThreadsFor(_threads, (long)batch * active, MinFloatsPerThread), batch,
                new GatherColumns(inputPointer, _inFeatures, compactInput, active, runStarts, runLengths, _runs));
        }
    }

    /// <summary>
    /// z [batch, out] = compact input · the kept rows of <paramref name="weights"/> [in, out], read in place by the
    /// product's packing (a gathered copy of the weights cost a 1.5 MB write per step, and at two threads a transfer
    /// between cores' caches).
    /// </summary>
    public void MultiplyByKeptWeights(Span<float> z, int batch, ReadOnlySpan<float> weights) =>
        Gemm.MultiplyKeptRows(CompactInput(batch), weights, KeptFeatures, z, batch, _outFeatures, ActiveCount, _threads);

    /// <summary>Writes the compact gradient into the full [inFeatures, out] gradient; dropped features get zero rows.</summary>
    public unsafe void ScatterGradient(Span<float> gradient)
    {
        fixed (float* target = gradient, compact = _gradient)
        fixed (int* position = _compactIndex)
        {
            WorkerPool.For(WorkerPool.ThreadsFor(_threads, (long)_inFeatures * _outFeatures, MinFloatsPerThread), _inFeatures,
                new CopyRows(compact, target, position, _outFeatures));
        }
    }

    /// <summary>marks[c] != 0 exactly when some row has a non-zero value in column c (|x| summed, vectorised); columns split.</summary>
    private readonly unsafe struct MarkColumns(float* input, float* marks, int batch, int inFeatures) : IRangeWork
    {
        public void Run(int startVector, int endVector)
        {
            var start = startVector * Vector<float>.Count;
            var end = Math.Min(inFeatures, endVector * Vector<float>.Count);
            var target = new Span<float>(marks + start, end - start);
            target.Clear();
            for (var row = 0; row < batch; row++)
            {
                var values = new ReadOnlySpan<float>(input + (nint)row * inFeatures + start, end - start);
                var c = 0;
                for (; c <= target.Length - Vector<float>.Count; c += Vector<float>.Count)
                    (new Vector<float>(target[c..]) + Vector.Abs(new Vector<float>(values[c..]))).CopyTo(target[c..]);
                for (; c < target.Length; c++) target[c] += MathF.Abs(values[c]);
            }
        }
    }

    /// <summary>
    /// Copies each row's kept columns run by run (an image's kept pixels are a few dozen runs of consecutive columns, the
    /// rows of its digit), with vectors inside a run: a float-by-float gather through the kept-column list cost ~12 ms
    /// per 60k-image epoch.
    /// </summary>
    private readonly unsafe struct GatherColumns(float* input, int inFeatures, float* compact, int active, int* runStarts, int* runLengths, int runs)
        : IRangeWork
    {
        public void Run(int start, int end)
        {
            for (var row = start; row < end; row++)
            {
                var source = input + (nint)row * inFeatures;
                var target = compact + (nint)row * active;
                for (var r = 0; r < runs; r++)
                {
                    var from = source + runStarts[r];
                    var length = runLengths[r];
                    var i = 0;
                    for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
                        Vector.Store(Vector.Load(from + i), target + i);
                    for (; i < length; i++) target[i] = from[i];
                    target += length;
                }
            }
        }
    }

    /// <summary>target row r = source row sourceRow[r], or zeros where that is -1 (each feature's compact position).</summary>
    private readonly unsafe struct CopyRows(float* source, float* target, int* sourceRow, int width) : IRangeWork
    {
        public void Run(int start, int end)
        {
            var bytes = (long)width * sizeof(float);
            for (var row = start; row < end; row++)
            {
                var from = sourceRow[row];
                var destination = target + (nint)row * width;
                if (from < 0)
                    new Span<float>(destination, width).Clear();
                else
                    Buffer.MemoryCopy(source + (nint)from * width, destination, bytes, bytes);
            }
        }
    }
}
