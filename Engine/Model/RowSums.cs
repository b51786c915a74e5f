namespace Sweep.Engine.Model;

/// <summary>Bias gradients: the column sums of a [rows, width] buffer, row 0 first, so their bits follow the row order alone.</summary>
internal static class RowSums
{
    /// <summary>sums = Σ over rows of values[row, :], in increasing row order.</summary>
    public static void Sum(ReadOnlySpan<float> values, int rows, Span<float> sums)
    {
        var width = sums.Length;
        sums.Clear();
        for (var row = 0; row < rows; row++)
        {
            var line = values.Slice(row * width, width);
            for (var c = 0; c < width; c++) sums[c] += line[c];
        }
    }
}
