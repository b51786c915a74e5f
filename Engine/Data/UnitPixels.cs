using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sweep.Engine.Data;

/// <summary>
/// 8-bit pixels to floats in [0, 1] as byte / 255f. Vector division is IEEE-exact like the scalar one, so the result
/// is bit-identical to the loader's floats while reading four times fewer bytes.
/// </summary>
public static class UnitPixels
{
    /// <summary>table[b] = b / 255f: one load per pixel for the last few of a row or a run.</summary>
    private static readonly float[] table = Enumerable.Range(0, 256).Select(value => (byte)value / 255f).ToArray();

    public static unsafe void Convert(ReadOnlySpan<byte> source, Span<float> target)
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
        fixed (byte* from = source)
        fixed (float* to = target)
        {
            Convert(from + i, to + i, source.Length - i);
        }
    }

    /// <summary>
    /// <paramref name="length"/> pixels at <paramref name="source"/> to floats at <paramref name="target"/>, for runs too
    /// short for <see cref="Vector{T}"/> of bytes (a digit's row of pixels): eight at a time widened and divided, the
    /// rest through the table.
    /// </summary>
    internal static unsafe void Convert(byte* source, float* target, int length)
    {
        var i = 0;
        if (Avx2.IsSupported)
        {
            var scale = Vector256.Create(255f);
            for (; i <= length - 8; i += 8)
                Avx.Store(target + i, Avx.Divide(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(source + i)), scale));
        }
        for (; i < length; i++) target[i] = table[source[i]];
    }
}
