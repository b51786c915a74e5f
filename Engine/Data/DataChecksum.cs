using System.Security.Cryptography;
using System.Text;

namespace Sweep.Engine.Data;

/// <summary>SHA-256 helpers that tie results to the exact bytes of the data files (always the uncompressed bytes).</summary>
public static class DataChecksum
{
    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Lower-case hex SHA-256 of the file at <paramref name="path"/>, streamed.</summary>
    public static string Sha256HexOfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// One checksum for a dataset: SHA-256 of the per-file hex hashes concatenated in the fixed order of
    /// <see cref="MnistFiles.Names"/> (train images, train labels, test images, test labels). Anyone can recompute it
    /// with `sha256sum` on the uncompressed files, whatever compression the cache used.
    /// </summary>
    public static string Combine(IEnumerable<string> fileHashesInOrder) =>
        Sha256Hex(Encoding.ASCII.GetBytes(string.Concat(fileHashesInOrder)));
}
