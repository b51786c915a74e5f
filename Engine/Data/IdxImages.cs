namespace Sweep.Engine.Data;

/// <summary>Images of one IDX file. pixels: [count, rows * cols] row-major floats in [0, 1].</summary>
public sealed record IdxImages(float[] Pixels, int Count, int Rows, int Cols)
{
    public int Features => Rows * Cols;
}
