using Sweep.Engine.Model;

namespace Sweep.Engine.Data;

/// <summary>
/// Labelled examples held in memory. images: [count, features] row-major floats in [0, 1]; labels: [count] in [0, classes).
/// Immutable once built; splits share nothing with the source.
/// </summary>
public sealed class Dataset
{
    /// <param name="pixelBytes">Optional 8-bit copy of the images with images[i] == pixelBytes[i] / 255f exactly: a quarter
    /// of the memory traffic when the trainer gathers shuffled batches.</param>
    /// <param name="shape">Each example as an image (NHWC, what convolutions read); default a flat 1×1×features.</param>
    public Dataset(float[] images, byte[] labels, int features, int classes, byte[]? pixelBytes = null, ImageShape? shape = null)
    {
        if (features < 1) throw new ArgumentOutOfRangeException(nameof(features), features, "features must be >= 1");
        if (shape is { } image && image.Features != features)
            throw new ArgumentException($"an image of {image} holds {image.Features} features, expected {features}");
        if (images.Length != labels.Length * features)
            throw new ArgumentException($"images hold {images.Length} floats, expected {labels.Length} x {features}");
        if (pixelBytes is not null && pixelBytes.Length != images.Length)
            throw new ArgumentException($"pixel bytes hold {pixelBytes.Length} values, expected {images.Length}");
        Images = images;
        PixelBytes = pixelBytes;
        Labels = labels;
        Features = features;
        Classes = classes;
        Shape = shape ?? new ImageShape(1, 1, features);
    }

    public float[] Images { get; }
    public byte[]? PixelBytes { get; }
    public byte[] Labels { get; }
    public int Features { get; }
    public int Classes { get; }

    /// <summary>One example's shape: rows × cols × 1 for IDX images, 1×1×features for flat data.</summary>
    public ImageShape Shape { get; }
    public int Count => Labels.Length;

    /// <summary>Copies examples [start, start + count) into a new dataset.</summary>
    public Dataset Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"slice [{start}, {start + count}) is outside [0, {Count})");
        return new Dataset(
            Images.AsSpan(start * Features, count * Features).ToArray(),
            Labels.AsSpan(start, count).ToArray(),
            Features, Classes,
            PixelBytes?.AsSpan(start * Features, count * Features).ToArray(), Shape);
    }
}
