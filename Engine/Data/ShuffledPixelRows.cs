namespace Sweep.Engine.Data;

/// <summary>
/// A mini-batch named by its rows rather than copied: row i is example order[start + i] of an 8-bit dataset
/// (<see cref="Dataset.PixelBytes"/>), each value standing for byte / 255f. A pass that keeps only some columns reads
/// them from here directly (<see cref="Model.InputColumnCompaction"/>), skipping the batch of floats.
/// </summary>
public readonly record struct ShuffledPixelRows(byte[] Pixels, int Features, int[] Order, int Start)
{
    /// <summary>The rows of <paramref name="source"/>'s examples order[start ..], or null when it has no 8-bit copy.</summary>
    public static ShuffledPixelRows? Of(Dataset source, int[] order, int start) =>
        source.PixelBytes is { } pixels ? new ShuffledPixelRows(pixels, source.Features, order, start) : null;
}
