using System.Buffers.Binary;
using System.IO.Compression;

namespace Sweep.Engine.Data;

/// <summary>
/// The image count and size of an IDX images file, read from its 16-byte header alone (raw or gzip), so that options
/// such as the validation size and the network's widths can be checked against a dataset before its 47 MB are loaded.
/// Non-goal: validating the rest of the file (loading does that, with its own messages).
/// </summary>
public sealed record IdxImagesHeader(string Path, int Count, int Rows, int Cols)
{
    private const int HeaderBytes = 16;

    /// <summary>Real MNIST's training file: 60,000 images of 28×28. A named dataset is verified on load, so this holds.</summary>
    public static IdxImagesHeader MnistTrain { get; } = new("mnist", 60_000, 28, 28);

    /// <summary>Pixels per image: the network's input width.</summary>
    public long Features => (long)Rows * Cols;

    /// <summary>Why <paramref name="validationSize"/> examples cannot be held out (one must be left to train on), or null.</summary>
    public string? ValidationSizeProblem(long validationSize, string dataset) => validationSize < Count ? null
        : $"must be less than the {Count} training examples of {dataset} (at most {Math.Max(0, Count - 1)}), got {validationSize}";

    /// <summary>
    /// The training images' header of a dataset: <see cref="MnistTrain"/> for the name `mnist`, else the header of the
    /// folder's train-images file; null when the folder has no such file (loading reports that).
    /// </summary>
    public static IdxImagesHeader? OfTrainingSet(string nameOrFolder)
    {
        if (DatasetCatalog.IsKnownName(nameOrFolder)) return MnistTrain;
        if (!Directory.Exists(nameOrFolder)) return null;
        var path = MnistFiles.Locate(nameOrFolder, MnistFiles.TrainImages);
        return path is null ? null : Read(path);
    }

    /// <summary>Reads the header of <paramref name="path"/>; a defect is a <see cref="DataFormatException"/> naming the file.</summary>
    public static IdxImagesHeader Read(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var header = new byte[HeaderBytes];
        int read;
        try
        {
            using var file = File.OpenRead(fullPath);
            var magic = new byte[2];
            file.ReadExactly(magic);
            file.Position = 0;
            using Stream source = IdxFile.IsGzip(magic) ? new GZipStream(file, CompressionMode.Decompress) : file;
            read = source.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new DataFormatException($"{fullPath}: cannot read the IDX images header: {exception.Message}");
        }
        if (read < HeaderBytes)
            throw new DataFormatException($"{fullPath}: truncated IDX images header; expected {HeaderBytes} bytes, found {read}");
        var found = BinaryPrimitives.ReadInt32BigEndian(header);
        if (found != IdxReader.ImagesMagic)
            throw new DataFormatException($"{fullPath}: wrong magic number; expected 0x{IdxReader.ImagesMagic:x8} (IDX images), found 0x{found:x8}");
        var count = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        var rows = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(8));
        var cols = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(12));
        if (count < 0 || rows < 0 || cols < 0)
            throw new DataFormatException($"{fullPath}: expected non-negative dimensions in the IDX header, found {count} x {rows} x {cols}");
        return new IdxImagesHeader(fullPath, count, rows, cols);
    }
}
