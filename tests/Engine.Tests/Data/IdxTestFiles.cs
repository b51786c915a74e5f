using System.Buffers.Binary;
using System.IO.Compression;

namespace Sweep.Engine.Tests.Data;

/// <summary>Writes small synthetic IDX files (raw or gzip), correct or deliberately broken, for reader tests.</summary>
public static class IdxTestFiles
{
    /// <summary>Images header (magic, count, rows, cols) followed by <paramref name="pixels"/>.</summary>
    public static byte[] Images(int count, int rows, int cols, byte[]? pixels = null, int magic = 0x00000803)
    {
        pixels ??= Enumerable.Range(0, count * rows * cols).Select(i => (byte)(i % 256)).ToArray();
        var bytes = new byte[16 + pixels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0), magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
        pixels.CopyTo(bytes, 16);
        return bytes;
    }

    /// <summary>Labels header (magic, count) followed by <paramref name="labels"/>.</summary>
    public static byte[] Labels(byte[] labels, int? declaredCount = null, int magic = 0x00000801)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0), magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), declaredCount ?? labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    public static string Write(string path, byte[] bytes, bool gzip)
    {
        if (!gzip)
        {
            File.WriteAllBytes(path, bytes);
            return path;
        }
        using (var file = File.Create(path))
        using (var stream = new GZipStream(file, CompressionLevel.Fastest))
            stream.Write(bytes);
        return path;
    }

    /// <summary>A complete four-file dataset folder: <paramref name="trainCount"/> and <paramref name="testCount"/> examples of rows x cols.</summary>
    public static void WriteDataset(string folder, int trainCount, int testCount, int rows = 2, int cols = 3, bool gzip = false,
        int? testRows = null)
    {
        var suffix = gzip ? ".gz" : "";
        Write(Path.Combine(folder, "train-images-idx3-ubyte" + suffix), Images(trainCount, rows, cols), gzip);
        Write(Path.Combine(folder, "train-labels-idx1-ubyte" + suffix), Labels(Digits(trainCount)), gzip);
        Write(Path.Combine(folder, "t10k-images-idx3-ubyte" + suffix), Images(testCount, testRows ?? rows, cols), gzip);
        Write(Path.Combine(folder, "t10k-labels-idx1-ubyte" + suffix), Labels(Digits(testCount)), gzip);
    }

    public static byte[] Digits(int count) => Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
}
