using System.Numerics;
using System.Runtime.Intrinsics.X86;
using Sweep.Engine.Data;
using Sweep.Engine.Kernels;
using Sweep.Engine.Parallelism;

namespace Sweep.Engine.Model;

/// <summary>
/// The first fc layer's products over its input's kept features, in <see cref="Segments"/> fixed blocks of input
/// features, each block's product on its own core.
/// <para>
/// Kept features: on MNIST about a third of the 784 pixels are blank across a whole batch of 100 (the borders), and a
/// zero input contributes exactly nothing to X·W or to Xᵀ·dZ, so both big products shrink by that third with the same
/// result. input [batch, inFeatures] → compact input, multiplied by the kept rows of weights [inFeatures, out] read in
/// place; the compact weight gradient [kept, out] is scattered back, with zero rows for the dropped features.
/// </para>
/// <para>
/// Segments: input features [0, in/2) and [in/2, in), whatever the thread count. Each segment's product
/// Z_s = X_s·W_s runs on one core, which also computes that segment's rows of dW (Xᵀ·dZ); the scatter of dW splits W's
/// rows at the same boundary and the optimiser's blocks of W within a block of it, so each core updates (nearly) the
/// rows its next product reads: the weights stay in the core that updates them. A split of X·W by output
/// columns made each core read the half of W the other core had just updated (0.5 MB per step), and a split by output
/// features in every pass is slower still with W stored [in, out] (<see cref="Parallelism.SplitUpdate"/>). The price is
/// Z = (Z_0 + Z_1) + b instead of one chain of multiply-adds over all kept features: a fixed order on any thread count,
/// so the bits do not depend on it, and one more pass over Z, fused with the bias and ReLU.
/// What limits it: the two segments give the products two cores. With more threads the segments run one after the
/// other, each product split across all of them (a pool's thread must not start a region inside its own: the segment
/// the caller runs cannot fork again), so those products lose the locality; the element-wise passes use every thread.
/// The sum Z_0 + Z_1 and dZ still cross between cores (the compact input does not at 2 threads: <see cref="Gather{TRows}"/>).
/// </para>
/// </summary>
public sealed class InputColumnCompaction
{
    /// <summary>First layers narrower than this gain less from the smaller products than the gathers cost.</summary>
    public const int MinimumOutFeatures = 32;

    /// <summary>Blocks of input features whose products run apart and are summed in block order (fixed, so bits never depend on threads).</summary>
    public const int Segments = 2;

    /// <summary>Floats a thread should copy at least: the batch's gather and the gradient's scatter split in two.</summary>
    private const int MinFloatsPerThread = 16384;

    /// <summary>Bytes a thread of the 8-bit marks should read at least (as many cache lines as the floats' marks).</summary>
    private const int MinBytesPerThread = MinFloatsPerThread / sizeof(float) * sizeof(byte);

    private readonly int _inFeatures;
    private readonly int _outFeatures;
    private readonly bool _skipBlankColumns;
    private int _threads;
    private readonly int[] _active;
    private readonly int[] _compactIndex; // [inFeatures] -> position in _active, or -1 for a dropped feature
    private readonly int[] _runStarts;    // kept features as runs of consecutive columns, none across a segment's start
    private readonly int[] _runLengths;
    private int _runs;
    private readonly int[] _segmentStarts = new int[Segments + 1]; // the first input feature of each segment, and the end
    private readonly int[] _segmentFirstRun = new int[Segments + 1];
    private readonly int[] _segmentFirstKept = new int[Segments + 1];
    private readonly float[] _columnMarks;
    private readonly byte[] _byteMarks; // the 8-bit path's marks, or-ed bytes, before they become _columnMarks
    private readonly float[] _input;
    private readonly float[] _partials; // [segment − 1] -> [maxBatch, out]: Z_s for s ≥ 1 (Z_0 is written into z)
    private readonly float[] _gradient;
    private readonly int _maxBatch;

    /// <summary>Threads of the next passes (a trial's share of the cores may change between batches).</summary>
    public int Threads
    {
        get => _threads;
        set => _threads = Math.Max(1, value);
    }

    /// <param name="threads">Threads the passes split their work across (the results are the same).</param>
    /// <param name="skipBlankColumns">false keeps every input feature: the same segments and sums, none skipped (the twin tests compare with).</param>
    public InputColumnCompaction(int inFeatures, int outFeatures, int maxBatch, int threads = 1, bool skipBlankColumns = true)
    {
        _inFeatures = inFeatures;
        _outFeatures = outFeatures;
        _maxBatch = maxBatch;
        _skipBlankColumns = skipBlankColumns;
        _threads = Math.Max(1, threads);
        _active = new int[inFeatures];
        _compactIndex = new int[inFeatures];
        _runStarts = new int[inFeatures];
        _runLengths = new int[inFeatures];
        _columnMarks = new float[inFeatures];
        _byteMarks = new byte[inFeatures];
        _input = new float[maxBatch * inFeatures];
        _partials = new float[(Segments - 1) * maxBatch * outFeatures];
        _gradient = new float[inFeatures * outFeatures];
        for (var segment = 0; segment <= Segments; segment++) _segmentStarts[segment] = WorkerPool.RangeStart(inFeatures, segment, Segments);
    }

    /// <summary>Floats of the buffers a compaction of this size holds, for <see cref="Training.TrainingMemory"/>.</summary>
    public static long Floats(long inFeatures, long outFeatures, long maxBatch) =>
        inFeatures * outFeatures + maxBatch * inFeatures + (Segments - 1) * maxBatch * outFeatures + inFeatures
        + (inFeatures * sizeof(byte) + sizeof(float) - 1) / sizeof(float) // the 8-bit path's marks, in floats' room
        + 4 * inFeatures; // kept features, compact positions, run starts and lengths (int32, a float's size)

    /// <summary>Number of kept input features after the last <see cref="Compact"/>.</summary>
    public int ActiveCount { get; private set; }

    /// <summary>The first input feature of segment <paramref name="segment"/> (<see cref="Segments"/> gives the end of the last).</summary>
    public int SegmentStart(int segment) => _segmentStarts[segment];

    /// <summary>
    /// The compact input, segment by segment: segment s's kept columns of every row, [batch, kept in s], after the
    /// blocks of the segments before it.
    /// </summary>
    public ReadOnlySpan<float> CompactInput(int batch) => _input.AsSpan(0, batch * ActiveCount);

    /// <summary>The kept input features in increasing order (the rows of the weights the compact products use).</summary>
    public ReadOnlySpan<int> KeptFeatures => _active.AsSpan(0, ActiveCount);

    public Span<float> CompactGradient => _gradient.AsSpan(0, ActiveCount * _outFeatures);

    /// <summary>Finds the batch's blank columns (unless every column is kept) and gathers the kept ones, segment by segment.</summary>
    public unsafe void Compact(ReadOnlySpan<float> input, int batch)
    {
        if (batch < 1 || batch > _maxBatch || input.Length < batch * _inFeatures)
            throw new ArgumentException($"cannot compact {batch} rows of {_inFeatures} features from {input.Length} floats (at most {_maxBatch} rows)");
        fixed (float* inputPointer = input, marks = _columnMarks)
        {
            if (_skipBlankColumns)
            {
                var vectors = (_inFeatures + Vector<float>.Count - 1) / Vector<float>.Count;
                WorkerPool.For(WorkerPool.ThreadsFor(_threads, (long)batch * _inFeatures, MinFloatsPerThread), vectors,
                    new MarkColumns(inputPointer, marks, batch, _inFeatures));
            }
            FindRuns();
            Gather(new FloatRows(inputPointer, _inFeatures), batch);
        }
    }

    /// <summary>
    /// <see cref="Compact(ReadOnlySpan{float}, int)"/> of the batch's rows read straight from the 8-bit dataset, with the
    /// same floats (byte / 255f): the trainer then never writes (and this pass never reads) the batch as floats, four
    /// times the bytes, of which a third are the blank columns dropped here.
    /// </summary>
    public unsafe void Compact(ShuffledPixelRows rows, int batch)
    {
        if (batch < 1 || batch > _maxBatch || rows.Features != _inFeatures || rows.Start < 0 || rows.Start + batch > rows.Order.Length)
            throw new ArgumentException($"cannot compact {batch} rows of {rows.Features} features from position {rows.Start} of {rows.Order.Length} "
                                        + $"(expected {_inFeatures} features, at most {_maxBatch} rows)");
        var examples = rows.Pixels.Length / rows.Features;
        for (var row = 0; row < batch; row++)
            if ((uint)rows.Order[rows.Start + row] >= (uint)examples)
                throw new ArgumentException($"row {row} names example {rows.Order[rows.Start + row]}, outside [0, {examples})");
        fixed (byte* pixels = rows.Pixels, byteMarks = _byteMarks)
        fixed (int* order = rows.Order)
        {
            var source = new ByteRows(pixels, _inFeatures, order + rows.Start);
            if (_skipBlankColumns)
            {
                var vectors = (_inFeatures + Vector<byte>.Count - 1) / Vector<byte>.Count;
                WorkerPool.For(WorkerPool.ThreadsFor(_threads, (long)batch * _inFeatures, MinBytesPerThread), vectors,
                    new MarkColumnBytes(source, byteMarks, batch));
                for (var column = 0; column < _inFeatures; column++) _columnMarks[column] = _byteMarks[column];
            }
            FindRuns();
            Gather(source, batch);
        }
    }

    /// <summary>
    /// rows [batch, in] → segment blocks [batch, kept in s]. On two threads (a batch with enough kept values to split),
    /// thread s gathers segment s's block, the block its products read next (<see cref="RunSegments"/> runs segment s on
    /// thread s), so they find it in their own core's cache. On more threads the products share every segment anyway:
    /// each segment's rows are cut into one chunk per thread, two chunks per thread in all, equal work.
    /// </summary>
    private unsafe void Gather<TRows>(TRows rows, int batch)
        where TRows : struct, IRows
    {
        var threads = WorkerPool.ThreadsFor(_threads, (long)batch * ActiveCount, MinFloatsPerThread);
        var chunks = threads <= Segments ? 1 : threads;
        fixed (float* compactInput = _input)
        fixed (int* runStarts = _runStarts, runLengths = _runLengths, firstRun = _segmentFirstRun, firstKept = _segmentFirstKept)
        {
            WorkerPool.For(threads, Segments * chunks,
                new GatherColumns<TRows>(rows, compactInput, batch, chunks, runStarts, runLengths, firstRun, firstKept));
        }
    }

    /// <summary>
    /// The kept features (all of them unless blank columns are skipped), and their runs of consecutive columns, a run
    /// ending at every segment's start so that each segment's columns are whole runs.
    /// </summary>
    private void FindRuns()
    {
        var active = 0;
        _runs = 0;
        var segment = 0;
        for (var column = 0; column < _inFeatures; column++)
        {
            var segmentStarts = false;
            while (segment < Segments && column == _segmentStarts[segment])
            {
                _segmentFirstRun[segment] = _runs;
                _segmentFirstKept[segment++] = active;
                segmentStarts = true;
            }
            // Without skipping, every column is kept: the marks are neither computed nor read.
            var kept = !_skipBlankColumns || _columnMarks[column] != 0f;
            _compactIndex[column] = kept ? active : -1;
            if (!kept) continue;
            _active[active++] = column;
            if (!segmentStarts && _runs > 0 && _runStarts[_runs - 1] + _runLengths[_runs - 1] == column)
            {
                _runLengths[_runs - 1]++;
            }
            else
            {
                _runStarts[_runs] = column;
                _runLengths[_runs++] = 1;
            }
        }
        for (; segment <= Segments; segment++)
        {
            _segmentFirstRun[segment] = _runs;
            _segmentFirstKept[segment] = active;
        }
        ActiveCount = active;
    }

    /// <summary>
    /// Each segment's product of the compact input by the kept rows of <paramref name="weights"/> [in, out], read in
    /// place: segment 0's into <paramref name="z"/> [batch, out], the others' kept apart for
    /// <see cref="AddSegmentsBiasAndActivate"/>. Segments run side by side, each on one core (<see cref="RunSegments"/>).
    /// </summary>
    public void MultiplyByKeptWeights(float[] z, int batch, float[] weights) =>
        RunSegments(weights, z, batch, gradient: false);

    /// <summary>z = (z + Σ other segments' products, in segment order) + biases, then max(·, 0) when relu; rows split.</summary>
    public void AddSegmentsBiasAndActivate(float[] z, float[] biases, int batch, bool relu) =>
        Relu.AddBiasAndActivate(z, biases, batch, relu, _threads, _partials, _maxBatch * _outFeatures);

    /// <summary>
    /// The compact weight gradient [kept, out] = compact inputᵀ·<paramref name="delta"/> [batch, out], each segment's rows
    /// on the core of its product; with <paramref name="biasGradient"/> [out], also the bias gradient (delta's column
    /// sums, <see cref="BiasGradient"/>): up to 2 threads, segment s's share of the columns right after its product,
    /// which has just read all of delta into that core's cache (a pass of its own read half of it from the other core);
    /// past 2, a pass split across every thread.
    /// </summary>
    public void WeightGradient(float[] delta, int batch, float[]? biasGradient = null) =>
        RunSegments(_gradient, delta, batch, gradient: true, biasGradient);

    /// <summary>
    /// The segments' products: up to <see cref="Segments"/> threads, side by side, one thread each; with more, one
    /// segment after the other on this thread, each product split across all the threads (never a region inside a
    /// region of the same pool). Their multiply-adds (batch·out·kept) are counted on this thread, whichever threads ran
    /// them, as `sweep bench engine` reads an epoch's work there.
    /// </summary>
    private void RunSegments(float[] matrix, float[] other, int batch, bool gradient, float[]? biasGradient = null)
    {
        if (_threads <= Segments)
        {
            WorkerPool.For(_threads, Segments, new SegmentProducts(this, matrix, other, batch, gradient, biasGradient, productThreads: 1));
        }
        else
        {
            new SegmentProducts(this, matrix, other, batch, gradient, biasGradient: null, productThreads: _threads).Run(0, Segments);
            // Each product ran on every thread, so no core holds a segment's share of delta: the column sums split too.
            if (biasGradient is not null) BiasGradient.SumRows(other.AsSpan(0, batch * _outFeatures), batch, biasGradient, _threads);
        }
        Gemm.CountMultiplyAdds((long)batch * _outFeatures * ActiveCount);
    }

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

    /// <summary>
    /// Segment s's product: forward, Z_s [batch, out] = X_s [batch, kept in s] · W[kept in s, :]; gradient, dW rows of
    /// the segment's kept features = X_sᵀ · dZ, each product on <paramref name="productThreads"/> threads.
    /// </summary>
    private readonly struct SegmentProducts(InputColumnCompaction owner, float[] matrix, float[] other, int batch, bool gradient, float[]? biasGradient,
        int productThreads) : IRangeWork
    {
        public void Run(int start, int end)
        {
            var (outFeatures, threads) = (owner._outFeatures, productThreads);
            // Counted by the caller (RunSegments), not by whichever thread runs the segment.
            var counted = Gemm.MultiplyAddsOnThisThread;
            for (var s = start; s < end; s++)
            {
                var first = owner._segmentFirstKept[s];
                var kept = owner._segmentFirstKept[s + 1] - first;
                var input = owner._input.AsSpan(batch * first, batch * kept);
                if (gradient)
                {
                    Gemm.Multiply(input, other.AsSpan(0, batch * outFeatures), matrix.AsSpan(first * outFeatures, kept * outFeatures),
                        kept, outFeatures, batch, transA: true, threads: threads);
                    if (biasGradient is not null)
                    {
                        var vectors = BiasGradient.Vectors(outFeatures);
                        BiasGradient.SumRows(other.AsSpan(0, batch * outFeatures), batch, biasGradient,
                            WorkerPool.RangeStart(vectors, s, Segments), WorkerPool.RangeStart(vectors, s + 1, Segments));
                    }
                }
                else
                {
                    var z = s == 0 ? other.AsSpan(0, batch * outFeatures) : owner._partials.AsSpan((s - 1) * owner._maxBatch * outFeatures, batch * outFeatures);
                    Gemm.MultiplyKeptRows(input, matrix, owner._active.AsSpan(first, kept), z, batch, outFeatures, kept, threads);
                }
            }
            Gemm.CountMultiplyAdds(counted - Gemm.MultiplyAddsOnThisThread);
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
    /// Copies each row's kept columns run by run into its segment's block (an image's kept pixels are a few dozen runs of
    /// consecutive columns, the rows of its digit): a float-by-float gather through the kept-column list cost ~12 ms per
    /// 60k-image epoch. Unit u is segment u / chunks, rows chunk u % chunks of it.
    /// </summary>
    private readonly unsafe struct GatherColumns<TRows>(TRows rows, float* compact, int batch, int chunks, int* runStarts, int* runLengths,
        int* segmentFirstRun, int* segmentFirstKept) : IRangeWork
        where TRows : struct, IRows
    {
        public void Run(int start, int end)
        {
            for (var unit = start; unit < end; unit++)
            {
                var (s, chunk) = Math.DivRem(unit, chunks);
                var kept = segmentFirstKept[s + 1] - segmentFirstKept[s];
                var block = compact + (nint)batch * segmentFirstKept[s];
                var (firstRow, endRow) = (WorkerPool.RangeStart(batch, chunk, chunks), WorkerPool.RangeStart(batch, chunk + 1, chunks));
                for (var row = firstRow; row < endRow; row++)
                {
                    var target = block + (nint)row * kept;
                    for (var r = segmentFirstRun[s]; r < segmentFirstRun[s + 1]; r++)
                    {
                        rows.Copy(row, runStarts[r], runLengths[r], target);
                        target += runLengths[r];
                    }
                }
            }
        }
    }

    /// <summary>A batch's rows as the gather reads them: columns [column, column + length) of a row, as floats.</summary>
    private unsafe interface IRows
    {
        void Copy(int row, int column, int length, float* target);
    }

    /// <summary>A batch of floats [batch, in]: runs copied with vectors.</summary>
    private readonly unsafe struct FloatRows(float* input, int inFeatures) : IRows
    {
        public void Copy(int row, int column, int length, float* target)
        {
            var from = input + (nint)row * inFeatures + column;
            var i = 0;
            for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
                Vector.Store(Vector.Load(from + i), target + i);
            for (; i < length; i++) target[i] = from[i];
        }
    }

    /// <summary>Rows of the 8-bit dataset, order[row]: each run through <see cref="UnitPixels"/>' conversion for short runs.</summary>
    private readonly unsafe struct ByteRows(byte* pixels, int features, int* order) : IRows
    {
        public int Features => features;

        public byte* Row(int row) => pixels + (nint)order[row] * features;

        public void Copy(int row, int column, int length, float* target) => UnitPixels.Convert(Row(row) + column, target, length);
    }

    /// <summary>How many rows ahead the 8-bit marks ask for a row's lines.</summary>
    private const int PrefetchRows = 8;

    /// <summary>marks[c] != 0 exactly when some row has a non-zero byte in column c (bytes or-ed, vectorised); columns split.</summary>
    private readonly unsafe struct MarkColumnBytes(ByteRows rows, byte* marks, int batch) : IRangeWork
    {
        public void Run(int startVector, int endVector)
        {
            var features = rows.Features;
            var start = startVector * Vector<byte>.Count;
            var end = Math.Min(features, endVector * Vector<byte>.Count);
            var target = new Span<byte>(marks + start, end - start);
            target.Clear();
            for (var row = 0; row < batch; row++)
            {
                // Shuffled rows are random reads: ask for the lines of a row a few ahead (the gather then finds them cached).
                if (Sse.IsSupported && row + PrefetchRows < batch)
                    for (var line = start; line < end; line += 64) Sse.Prefetch0(rows.Row(row + PrefetchRows) + line);
                var values = new ReadOnlySpan<byte>(rows.Row(row) + start, end - start);
                var c = 0;
                for (; c <= target.Length - Vector<byte>.Count; c += Vector<byte>.Count)
                    (new Vector<byte>(target[c..]) | new Vector<byte>(values[c..])).CopyTo(target[c..]);
                for (; c < target.Length; c++) target[c] |= values[c];
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
