using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Engine.Model;

/// <summary>
/// Lays one image's k×k patches out as rows (im2col) so that a convolution is a GEMM, and adds such rows of
/// gradients back onto the image (col2im). image: [H, W, C]; cols: [outH·outW, k·k·C], each row in (ky, kx, c) order,
/// zeros where the patch hangs over the padding. Both go through a zero-bordered copy of the image, so the inner loops
/// have no bounds tests: each row is k copies of a contiguous run of k·C floats.
/// </summary>
internal static unsafe class Im2Col
{
    /// <summary>Floats a cols buffer and a padded image need beyond their size: <see cref="Expand"/> copies whole vectors.</summary>
    public const int Slack = 16;

    /// <summary>Floats of the zero-bordered image (<see cref="Slack"/> included).</summary>
    public static int PaddedFloats(NetworkStage stage)
    {
        var (height, width) = PaddedSides(stage);
        return height * width * stage.Input.Channels + Slack;
    }

    /// <summary>
    /// cols = the patches of <paramref name="image"/>. <paramref name="padded"/> is scratch of <see cref="PaddedFloats"/>
    /// whose border must be zero (it stays so: only the interior is written). May write up to <see cref="Slack"/> floats
    /// past cols' last row; every float of the rows themselves ends up exact (later copies overwrite earlier overhangs).
    /// </summary>
    public static void Expand(ReadOnlySpan<float> image, NetworkStage stage, Span<float> padded, Span<float> cols)
    {
        var (input, pad, paddedWidth) = (stage.Input, stage.Pad, PaddedSides(stage).Width);
        var channels = input.Channels;
        if (cols.Length < stage.Output.Height * stage.Output.Width * stage.FanIn + Slack || padded.Length < PaddedFloats(stage))
            throw new ArgumentException("im2col buffers are too small");
        for (var y = 0; y < input.Height; y++)
            image.Slice(y * input.Width * channels, input.Width * channels).CopyTo(padded[((((y + pad) * paddedWidth) + pad) * channels)..]);
        fixed (float* image0 = padded, rows = cols) Walk(stage, image0, rows, expand: true);
    }

    /// <summary>Floats of <paramref name="images"/> zero-bordered images stored channel by channel (<see cref="Slack"/> included).</summary>
    public static int PaddedPlanesFloats(NetworkStage stage, int images) => images * (PaddedFloats(stage) - Slack) + Slack;

    /// <summary>
    /// colsT = the patches of <paramref name="images"/> images as columns: [k·k·C, images·outH·outW], row (ky, kx, c)
    /// holding that tap of every output pixel, images outermost. The GEMM reads this transposed layout in place (no
    /// packing of the big operand). <paramref name="planes"/>: scratch of <see cref="PaddedPlanesFloats"/> whose border
    /// must be zero (it stays so). Like <see cref="Expand"/>, may write up to <see cref="Slack"/> floats past the end.
    /// </summary>
    public static void ExpandTransposed(ReadOnlySpan<float> batchImages, int images, NetworkStage stage, Span<float> planes, Span<float> colsT)
    {
        var (input, output, kernel, pad) = (stage.Input, stage.Output, stage.Kernel, stage.Pad);
        var (paddedHeight, paddedWidth) = PaddedSides(stage);
        var channels = input.Channels;
        var plane = paddedHeight * paddedWidth;
        var imageFloats = plane * channels;
        var pixels = output.Height * output.Width;
        var columns = images * pixels;
        if (colsT.Length < kernel * kernel * channels * columns + Slack || planes.Length < PaddedPlanesFloats(stage, images))
            throw new ArgumentException("im2col buffers are too small");
        // NHWC → one zero-bordered plane per channel, so that each tap's row is made of contiguous runs.
        for (var image = 0; image < images; image++)
        {
            var source = batchImages.Slice(image * input.Features, input.Features);
            var target = planes.Slice(image * imageFloats, imageFloats);
            for (var y = 0; y < input.Height; y++)
            {
                for (var x = 0; x < input.Width; x++)
                {
                    var pixel = source.Slice((y * input.Width + x) * channels, channels);
                    var at = (y + pad) * paddedWidth + x + pad;
                    for (var c = 0; c < channels; c++) target[c * plane + at] = pixel[c];
                }
            }
        }
        fixed (float* source = planes, target = colsT)
        {
            var run = target;
            // Tap rows in order, then images, then output rows: each copy's overhang lands on a run written after it.
            for (var ky = 0; ky < kernel; ky++)
                for (var kx = 0; kx < kernel; kx++)
                    for (var c = 0; c < channels; c++)
                        for (var image = 0; image < images; image++)
                        {
                            var first = source + image * imageFloats + c * plane + ky * paddedWidth + kx;
                            for (var oy = 0; oy < output.Height; oy++)
                            {
                                CopyWhole(first + oy * paddedWidth, run, output.Width);
                                run += output.Width;
                            }
                        }
        }
    }

    /// <summary>
    /// imageGradient = the sum of <paramref name="colsGradient"/>'s rows put back where their patches came from (its
    /// old values are overwritten). Each pixel takes its terms in increasing (oy, ox, ky, kx) order: the order the
    /// naive twin uses. <paramref name="padded"/> is scratch of <see cref="PaddedFloats"/>.
    /// </summary>
    public static void Collapse(ReadOnlySpan<float> colsGradient, NetworkStage stage, Span<float> padded, Span<float> imageGradient)
    {
        var (input, pad, paddedWidth) = (stage.Input, stage.Pad, PaddedSides(stage).Width);
        var channels = input.Channels;
        padded.Clear();
        fixed (float* image0 = padded, rows = colsGradient) Walk(stage, image0, rows, expand: false);
        for (var y = 0; y < input.Height; y++)
            padded.Slice((((y + pad) * paddedWidth) + pad) * channels, input.Width * channels).CopyTo(imageGradient[(y * input.Width * channels)..]);
    }

    /// <summary>
    /// Visits every patch run in (oy, ox, ky) order: the k·C floats of row (oy, ox) at tap row ky, and the padded image's
    /// run they come from. <paramref name="expand"/> copies image → rows (whole vectors), else adds rows → image.
    /// </summary>
    private static void Walk(NetworkStage stage, float* padded, float* rows, bool expand)
    {
        var (output, kernel, paddedWidth) = (stage.Output, stage.Kernel, PaddedSides(stage).Width);
        var channels = stage.Input.Channels;
        var run = kernel * channels;
        var row = rows;
        for (var oy = 0; oy < output.Height; oy++)
        {
            for (var ox = 0; ox < output.Width; ox++)
            {
                for (var ky = 0; ky < kernel; ky++)
                {
                    var image = padded + ((oy + ky) * paddedWidth + ox) * channels;
                    if (expand) CopyWhole(image, row + ky * run, run);
                    else Add(row + ky * run, image, run);
                }
                row += kernel * run;
            }
        }
    }

    private static (int Height, int Width) PaddedSides(NetworkStage stage) =>
        (stage.Input.Height + 2 * stage.Pad, stage.Input.Width + 2 * stage.Pad);

    /// <summary>Copies count floats rounded up to whole vectors: the overhang is garbage that the next copy overwrites.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyWhole(float* source, float* target, int count)
    {
        for (var i = 0; i < count; i += Vector256<float>.Count)
            Vector256.Load(source + i).Store(target + i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(float* source, float* target, int count)
    {
        var i = 0;
        for (; i <= count - Vector256<float>.Count; i += Vector256<float>.Count)
            (Vector256.Load(target + i) + Vector256.Load(source + i)).Store(target + i);
        for (; i < count; i++) target[i] += source[i];
    }
}
