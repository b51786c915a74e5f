using System.IO.Compression;

namespace Sweep.Engine.Data;

/// <summary>
/// The uncompressed bytes of one IDX file and their SHA-256, read whole into memory.
/// Gzip is detected by its magic bytes (1f 8b), not by the file name, so a renamed file still loads;
/// a raw IDX file always starts with two zero bytes, so the two cannot be confused.
/// </summary>
public sealed record IdxFile(string Path, byte[] Bytes, string Sha256)
{
    /// <summary>Reads <paramref name="path"/>, raw or gzip-compressed, and hashes the uncompressed bytes.</summary>
    public static IdxFile Read(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new DataFormatException(
                $"{fullPath}: file not found; expected an IDX file (raw or .gz). " +
                "Hint: run `./sweep data get mnist` to download MNIST, or pass --data-dir to the folder that holds it.");
        var stored = File.ReadAllBytes(fullPath);
        var bytes = IsGzip(stored) ? Decompress(fullPath, stored) : stored;
        return new IdxFile(fullPath, bytes, DataChecksum.Sha256Hex(bytes));
    }

    internal static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    private static byte[] Decompress(string path, byte[] compressed)
    {
        // The gzip trailer holds the uncompressed size mod 2^32: a good capacity hint that avoids regrowing the buffer.
        var sizeHint = compressed.Length >= 18 ? BitConverter.ToUInt32(compressed, compressed.Length - 4) : 0u;
        using var output = new MemoryStream(sizeHint is > 0 and < int.MaxValue ? (int)sizeHint : compressed.Length * 4);
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            gzip.CopyTo(output);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException($"{path}: expected a valid gzip stream, found corrupt data ({e.Message})");
        }
        return output.Length == output.Capacity ? output.GetBuffer() : output.ToArray();
    }
}
