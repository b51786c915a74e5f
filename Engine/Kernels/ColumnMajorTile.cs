namespace Sweep.Engine.Kernels;

/// <summary>
/// Moves a tile of C [rows × columns] at (row, col) to and from a buffer laid out column by column, buffer[j·rowsPerColumn + i]:
/// the layout of the kernels whose vectors run along C's rows (<see cref="Vector512TransposedNarrow"/>,
/// <see cref="Vector512TransposedShort"/>), for an accumulating product's start and for every tile's result.
/// </summary>
internal static unsafe class ColumnMajorTile
{
    /// <summary>buffer[j·rowsPerColumn + i] = C[row + i, col + j].</summary>
    public static void Load(in GemmOperands ops, int row, int rows, int rowsPerColumn, int col, int columns, float* buffer)
    {
        var n = ops.N;
        var source = ops.C + (nint)row * n + col;
        for (var i = 0; i < rows; i++, source += n)
        {
            for (var j = 0; j < columns; j++) buffer[j * rowsPerColumn + i] = source[j];
        }
    }

    /// <summary>
    /// C[row + i, col + j] = buffer[j·rowsPerColumn + i]. C and its width are locals: read through <paramref name="ops"/>,
    /// the JIT reloaded both after every store (a store to C might change them), and the copy cost as much as a narrow
    /// tile's products at k = 100.
    /// </summary>
    public static void Store(in GemmOperands ops, int row, int rows, int rowsPerColumn, int col, int columns, float* buffer)
    {
        var n = ops.N;
        var target = ops.C + (nint)row * n + col;
        for (var i = 0; i < rows; i++, target += n)
        {
            for (var j = 0; j < columns; j++) target[j] = buffer[j * rowsPerColumn + i];
        }
    }
}
