namespace Sweep.Engine.Data;

/// <summary>
/// Images of one IDX file. pixels: [count, rows * cols] row-major floats in [0, 1]; bytes: the same pixels as stored
/// (0..255), with Pixels[i] == Bytes[i] / 255f exactly.
/// </summary>
public sealed record IdxImages(float[] Pixels, byte[] Bytes, int Count, int Rows, int Cols)
{
    public int Features => Rows * Cols;
}
