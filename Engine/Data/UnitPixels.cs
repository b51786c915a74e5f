using System.Numerics;

namespace Sweep.Engine.Data;

/// <summary>
/// 8-bit pixels to floats in [0, 1] as byte / 255f. Vector division is IEEE-exact like the scalar one, so the result
/// is bit-identical to the loader's floats while reading four times fewer bytes.
/// </summary>
public static class UnitPixels
{
    /// <summary>Table[b] = b / 255f: one load per pixel where runs are too short for the vector conversion.</summary>
    public static ReadOnlySpan<float> Table => table;

    private static readonly float[] table = Enumerable.Range(0, 256).Select(value => (byte)value / 255f).ToArray();

    public static void Convert(ReadOnlySpan<byte> source, Span<float> target)
    {
        if (target.Length < source.Length) throw new ArgumentException($"target holds {target.Length} floats, expected {source.Length}");
        var scale = new Vector<float>(255f);
        var i = 0;
        for (; i <= source.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            Vector.Widen(new Vector<byte>(source[i..]), out var low, out var high);
            Vector.Widen(low, out var first, out var second);
            Vector.Widen(high, out var third, out var fourth);
            var step = Vector<float>.Count;
            (Vector.ConvertToSingle(first) / scale).CopyTo(target[i..]);
            (Vector.ConvertToSingle(second) / scale).CopyTo(target[(i + step)..]);
            (Vector.ConvertToSingle(third) / scale).CopyTo(target[(i + 2 * step)..]);
            (Vector.ConvertToSingle(fourth) / scale).CopyTo(target[(i + 3 * step)..]);
        }
        for (; i < source.Length; i++) target[i] = source[i] / 255f;
    }
}
