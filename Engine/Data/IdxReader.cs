using System.Buffers.Binary;

namespace Sweep.Engine.Data;

/// <summary>
/// Parses IDX files (the MNIST format): a big-endian int32 magic 0x00000801 (labels, 1 dimension) or
/// 0x00000803 (images, 3 dimensions), big-endian int32 dimensions, then unsigned bytes.
/// Every defect is a <see cref="DataFormatException"/> naming the file, what was expected and what was found.
/// Non-goal: other IDX element types (int16, float...), which no dataset we use has.
/// </summary>
public static class IdxReader
{
    public const int LabelsMagic = 0x00000801;
    public const int ImagesMagic = 0x00000803;
    private const int LabelsHeaderBytes = 8;
    private const int ImagesHeaderBytes = 16;

    public static IdxImages ReadImages(string path) => ParseImages(IdxFile.Read(path));

    public static byte[] ReadLabels(string path, int classes = MnistFiles.Classes) => ParseLabels(IdxFile.Read(path), classes);

    /// <summary>Reads an images file and its labels file into one dataset, checking that their counts agree.</summary>
    public static Dataset ReadDataset(string imagesPath, string labelsPath, int classes = MnistFiles.Classes) =>
        ToDataset(IdxFile.Read(imagesPath), IdxFile.Read(labelsPath), classes);

    public static Dataset ToDataset(IdxFile imagesFile, IdxFile labelsFile, int classes = MnistFiles.Classes)
    {
        var images = ParseImages(imagesFile);
        var labels = ParseLabels(labelsFile, classes);
        if (images.Count != labels.Length)
            throw new DataFormatException(
                $"{labelsFile.Path}: expected {images.Count} labels, one per image of {imagesFile.Path}, found {labels.Length}");
        return new Dataset(images.Pixels, labels, images.Features, classes, images.Bytes, new Model.ImageShape(images.Rows, images.Cols, 1));
    }

    public static IdxImages ParseImages(IdxFile file)
    {
        var bytes = file.Bytes;
        CheckHeader(file, ImagesMagic, "images", ImagesHeaderBytes);
        var count = Dimension(file, 4, "image count");
        var rows = Dimension(file, 8, "rows");
        var cols = Dimension(file, 12, "cols");
        var features = (long)rows * cols;
        CheckLength(file, ImagesHeaderBytes + count * features, $"{ImagesHeaderBytes} header + {count} images x {rows} x {cols}");

        // pixels: [count, rows * cols]
        var pixels = new float[count * features];
        var source = bytes.AsSpan(ImagesHeaderBytes);
        UnitPixels.Convert(source, pixels);
        return new IdxImages(pixels, source.ToArray(), count, rows, cols);
    }

    public static byte[] ParseLabels(IdxFile file, int classes = MnistFiles.Classes)
    {
        CheckHeader(file, LabelsMagic, "labels", LabelsHeaderBytes);
        var count = Dimension(file, 4, "label count");
        CheckLength(file, LabelsHeaderBytes + (long)count, $"{LabelsHeaderBytes} header + {count} labels");
        var labels = file.Bytes.AsSpan(LabelsHeaderBytes, count).ToArray();
        for (var i = 0; i < labels.Length; i++)
            if (labels[i] >= classes)
                throw new DataFormatException(
                    $"{file.Path}: label {labels[i]} at index {i} is out of range; expected a class in [0, {classes - 1}]");
        return labels;
    }

    private static void CheckHeader(IdxFile file, int expectedMagic, string kind, int headerBytes)
    {
        if (file.Bytes.Length < headerBytes)
            throw new DataFormatException(
                $"{file.Path}: truncated IDX {kind} header; expected {headerBytes} bytes, found {file.Bytes.Length}");
        var magic = BinaryPrimitives.ReadInt32BigEndian(file.Bytes);
        if (magic != expectedMagic)
        {
            var hint = magic == (expectedMagic == ImagesMagic ? LabelsMagic : ImagesMagic)
                ? $" (that is the other kind of IDX file: are the images and labels files swapped?)"
                : "";
            throw new DataFormatException(
                $"{file.Path}: wrong magic number; expected 0x{expectedMagic:x8} (IDX {kind}), found 0x{magic:x8}{hint}");
        }
    }

    private static int Dimension(IdxFile file, int offset, string what)
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(file.Bytes.AsSpan(offset));
        if (value < 0)
            throw new DataFormatException($"{file.Path}: expected a non-negative {what} at byte {offset}, found {value}");
        return value;
    }

    private static void CheckLength(IdxFile file, long expected, string layout)
    {
        if (expected > Array.MaxLength)
            throw new DataFormatException($"{file.Path}: header declares {expected} bytes ({layout}), more than an array can hold");
        if (file.Bytes.Length != expected)
        {
            var problem = file.Bytes.Length < expected ? "truncated data" : "unexpected trailing data";
            throw new DataFormatException(
                $"{file.Path}: {problem}; expected {expected} bytes ({layout}), found {file.Bytes.Length}");
        }
    }
}
