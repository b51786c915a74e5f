using System.Numerics;

namespace Sweep.Engine.Model;

/// <summary>
/// Drops the input features that are zero in every example of a batch before the first layer's products.
/// On MNIST about a third of the 784 pixels are blank across a whole batch of 100 (the borders), and a zero input
/// contributes exactly nothing to X·W or to Xᵀ·dZ, so both big products shrink by that third with the same result.
/// input: [batch, inFeatures] → compact input [batch, active]; weights [inFeatures, out] → [active, out];
/// the compact weight gradient [active, out] is scattered back, with zero rows for the dropped features.
/// </summary>
public sealed class InputColumnCompaction
{
    /// <summary>Below this fraction of blank columns the copies cost more than the products save.</summary>
    private const double MinimumBlankFraction = 0.05;

    /// <summary>First layers narrower than this gain less from the smaller products than the gathers cost.</summary>
    public const int MinimumOutFeatures = 32;

    private readonly int _inFeatures;
    private readonly int _outFeatures;
    private readonly int[] _active;
    private readonly float[] _columnMarks;
    private readonly float[] _input;
    private readonly float[] _weights;
    private readonly float[] _gradient;

    public InputColumnCompaction(int inFeatures, int outFeatures, int maxBatch)
    {
        _inFeatures = inFeatures;
        _outFeatures = outFeatures;
        _active = new int[inFeatures];
        _columnMarks = new float[inFeatures];
        _input = new float[maxBatch * inFeatures];
        _weights = new float[inFeatures * outFeatures];
        _gradient = new float[inFeatures * outFeatures];
    }

    /// <summary>Number of kept input features after the last <see cref="Compact"/>; 0 when the batch is used as is.</summary>
    public int ActiveCount { get; private set; }

    public bool IsCompacted => ActiveCount > 0;

    public ReadOnlySpan<float> CompactInput(int batch) => _input.AsSpan(0, batch * ActiveCount);
    public ReadOnlySpan<float> CompactWeights => _weights.AsSpan(0, ActiveCount * _outFeatures);
    public Span<float> CompactGradient => _gradient.AsSpan(0, ActiveCount * _outFeatures);

    /// <summary>Finds the blank columns of the batch and, when there are enough, gathers input and weights.</summary>
    public void Compact(ReadOnlySpan<float> input, int batch, ReadOnlySpan<float> weights)
    {
        MarkNonZeroColumns(input, batch);
        var active = 0;
        for (var column = 0; column < _inFeatures; column++)
        {
            if (_columnMarks[column] != 0f) _active[active++] = column;
        }
        if (active > _inFeatures * (1 - MinimumBlankFraction) || active == 0)
        {
            ActiveCount = 0;
            return;
        }
        ActiveCount = active;
        for (var row = 0; row < batch; row++)
        {
            var source = input.Slice(row * _inFeatures, _inFeatures);
            var target = _input.AsSpan(row * active, active);
            for (var i = 0; i < active; i++) target[i] = source[_active[i]];
        }
        for (var i = 0; i < active; i++)
            weights.Slice(_active[i] * _outFeatures, _outFeatures).CopyTo(_weights.AsSpan(i * _outFeatures, _outFeatures));
    }

    /// <summary>Writes the compact gradient into the full [inFeatures, out] gradient; dropped features get zero rows.</summary>
    public void ScatterGradient(Span<float> gradient)
    {
        var next = 0;
        for (var column = 0; column < _inFeatures; column++)
        {
            var row = gradient.Slice(column * _outFeatures, _outFeatures);
            if (next < ActiveCount && _active[next] == column)
                _gradient.AsSpan(next++ * _outFeatures, _outFeatures).CopyTo(row);
            else
                row.Clear();
        }
    }

    /// <summary>_columnMarks[c] != 0 exactly when some row has a non-zero value in column c (|x| summed, vectorised).</summary>
    private void MarkNonZeroColumns(ReadOnlySpan<float> input, int batch)
    {
        var marks = _columnMarks.AsSpan();
        marks.Clear();
        for (var row = 0; row < batch; row++)
        {
            var values = input.Slice(row * _inFeatures, _inFeatures);
            var c = 0;
            for (; c <= _inFeatures - Vector<float>.Count; c += Vector<float>.Count)
                (new Vector<float>(marks[c..]) + Vector.Abs(new Vector<float>(values[c..]))).CopyTo(marks[c..]);
            for (; c < _inFeatures; c++) marks[c] += MathF.Abs(values[c]);
        }
    }
}
