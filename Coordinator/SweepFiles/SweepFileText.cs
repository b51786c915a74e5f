using System.Text;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// Reads a sweep file's text, refusing what cannot be one before reading it: a folder, a device, a FIFO, or more than
/// <see cref="MaxBytes"/> (a `run /dev/zero` once read 4.3 GB before failing). Every refusal is a
/// <see cref="SweepFileException"/> naming the path.
/// </summary>
public static class SweepFileText
{
    /// <summary>1 MiB: a sweep file is a few hundred bytes; a thousand-value list still fits many times over.</summary>
    public const int MaxBytes = 1 << 20;

    public static string Read(string path)
    {
        if (Directory.Exists(path)) throw Refused(path, "it is a folder; give the path of a .yaml sweep file");
        if (FileKind.Describe(path) is { } kind) throw Refused(path, $"it is {kind}, not a regular file");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            if (stream.CanSeek && stream.Length > MaxBytes) throw TooLarge(path, $"{stream.Length} bytes");
            // Read one byte past the limit: a file that grows, or a device that reports no length, stops there.
            var buffer = new byte[MaxBytes + 1];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read > MaxBytes) throw TooLarge(path, "more than that");
            using var reader = new StreamReader(new MemoryStream(buffer, 0, read), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var reason = exception is FileNotFoundException or DirectoryNotFoundException ? "no such file"
                : exception is UnauthorizedAccessException ? "permission denied"
                : exception.Message;
            throw Refused(path, reason);
        }
    }

    private static SweepFileException TooLarge(string path, string size) =>
        Refused(path, $"it is larger than the {MaxBytes / (1 << 20)} MiB ({MaxBytes} bytes) a sweep file may have ({size})");

    private static SweepFileException Refused(string path, string reason) =>
        new([$"{Path.GetFullPath(path)}: cannot read the sweep file: {reason}"]);
}
