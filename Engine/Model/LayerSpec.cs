using System.Globalization;
using System.Text.RegularExpressions;

namespace Sweep.Engine.Model;

/// <summary>
/// One hidden layer of a network spec, as people write it: `conv5x5:32` (k×k convolution, stride 1, 32 output channels,
/// `same` padding unless `:valid` follows), `pool2` (2×2 max-pool, stride 2) or `fc:500` (fully connected). Every conv
/// and fc layer is followed by ReLU; the first fc layer flattens what comes before it; the output layer (fc to the
/// classes, no ReLU) is implied, as with <c>hidden</c>. <see cref="ToString"/> is the canonical text, which the trial
/// hash uses. Non-goal: shapes (see <see cref="ShapeProblem"/>), parameters and kernels.
/// </summary>
public sealed partial record LayerSpec(LayerKind Kind, int Units, int Kernel = 0, Padding Padding = Padding.Same)
{
    /// <summary>The forms accepted, for error messages.</summary>
    public const string Forms = "convKxK:C (e.g. conv5x5:32, or conv3x3:16:valid), pool2, or fc:N (e.g. fc:500)";

    /// <summary>The largest kernel side accepted: larger ones are typos on 28×28 images, not networks.</summary>
    public const int MaxKernel = 15;

    public static LayerSpec Convolution(int kernel, int channels, Padding padding = Padding.Same) =>
        new(LayerKind.Convolution, channels, kernel, padding);

    public static LayerSpec MaxPool2 { get; } = new(LayerKind.MaxPool, 0, 2);

    public static LayerSpec FullyConnected(int width) => new(LayerKind.FullyConnected, width);

    public override string ToString() => Kind switch
    {
        LayerKind.Convolution => $"conv{Kernel}x{Kernel}:{Units}{(Padding == Padding.Valid ? ":valid" : "")}",
        LayerKind.MaxPool => "pool2",
        _ => $"fc:{Units}",
    };

    /// <summary>Reads one layer; a <see cref="FormatException"/> says what is wrong with <paramref name="text"/> and lists <see cref="Forms"/>.</summary>
    public static LayerSpec Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed == "pool2") return MaxPool2;
        if (FullyConnectedText().Match(trimmed) is { Success: true } fc)
            return FullyConnected(Positive(fc.Groups[1].Value, "an fc width", trimmed));
        if (ConvolutionText().Match(trimmed) is { Success: true } conv)
        {
            var (rows, cols) = (Positive(conv.Groups[1].Value, "a kernel size", trimmed), Positive(conv.Groups[2].Value, "a kernel size", trimmed));
            if (rows != cols) throw new FormatException($"'{trimmed}': kernels are square k×k (got {rows}x{cols})");
            if (rows > MaxKernel) throw new FormatException($"'{trimmed}': the kernel side must be at most {MaxKernel} (got {rows})");
            var padding = conv.Groups[4].Success ? Enum.Parse<Padding>(conv.Groups[4].Value, ignoreCase: true) : Padding.Same;
            if (padding == Padding.Same && rows % 2 == 0)
                throw new FormatException($"'{trimmed}': `same` padding needs an odd kernel side (got {rows}); write :valid or an odd size");
            return Convolution(rows, Positive(conv.Groups[3].Value, "a channel count", trimmed), padding);
        }
        if (trimmed.StartsWith("pool", StringComparison.Ordinal))
            throw new FormatException($"'{trimmed}': only pool2 (2×2 max-pool, stride 2) is supported");
        throw new FormatException($"'{trimmed}' is not a layer (expected {Forms})");
    }

    /// <summary>Reads a comma-separated list such as `conv5x5:32,pool2,fc:500`; empty or `none` is no hidden layer.</summary>
    public static IReadOnlyList<LayerSpec> ParseList(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        return trimmed.Split(',').Select(Parse).ToArray();
    }

    /// <summary>The canonical comma-separated text of <paramref name="layers"/>, `none` when empty.</summary>
    public static string Format(IReadOnlyList<LayerSpec> layers) => layers.Count == 0 ? "none" : string.Join(',', layers);

    /// <summary>The hidden widths these layers equal when all are fully connected (the same network as <c>hidden</c>), else null.</summary>
    public static int[]? AsHiddenWidths(IReadOnlyList<LayerSpec> layers) =>
        layers.All(layer => layer.Kind == LayerKind.FullyConnected) ? layers.Select(layer => layer.Units).ToArray() : null;

    /// <summary>
    /// The shape after each layer from <paramref name="input"/>, or why the layers cannot run on it: a conv or pool after
    /// an fc layer (fc flattens), or a side that a valid convolution or a pool brings below 1. The problem names the
    /// layer by position (1-based) and text.
    /// </summary>
    public static string? ShapeProblem(IReadOnlyList<LayerSpec> layers, ImageShape input, out ImageShape[] shapes)
    {
        shapes = new ImageShape[layers.Count];
        var shape = input;
        var flattened = false;
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var name = $"layer {i + 1} ({layer})";
            if (layer.Kind == LayerKind.FullyConnected)
            {
                flattened = true;
                shape = new ImageShape(1, 1, layer.Units);
            }
            else if (flattened)
            {
                return $"{name} comes after an fc layer, which flattens the image: convolutions and pools go before every fc layer";
            }
            else if (layer.Kind == LayerKind.Convolution)
            {
                var shrink = layer.Padding == Padding.Valid ? layer.Kernel - 1 : 0;
                if (shape.Height - shrink < 1 || shape.Width - shrink < 1)
                    return $"{name}: a valid {layer.Kernel}×{layer.Kernel} convolution does not fit the {shape} image it receives";
                shape = new ImageShape(shape.Height - shrink, shape.Width - shrink, layer.Units);
            }
            else
            {
                if (shape.Height < 2 || shape.Width < 2)
                    return $"{name}: a 2×2 pool does not fit the {shape} image it receives";
                shape = new ImageShape(shape.Height / 2, shape.Width / 2, shape.Channels);
            }
            shapes[i] = shape;
        }
        return null;
    }

    private static int Positive(string digits, string what, string text) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new FormatException($"'{text}': {what} must be a whole number >= 1 (got {digits})");

    [GeneratedRegex(@"^fc:(\d+)$")]
    private static partial Regex FullyConnectedText();

    [GeneratedRegex(@"^conv(\d+)x(\d+):(\d+)(?::(same|valid))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ConvolutionText();
}

public enum LayerKind
{
    Convolution,
    MaxPool,
    FullyConnected,
}

/// <summary>`same` keeps the image's side (zero padding of (k−1)/2, odd k only); `valid` shrinks it by k−1.</summary>
public enum Padding
{
    Same,
    Valid,
}

/// <summary>An image batch element's shape, stored height × width × channels with channels innermost (NHWC).</summary>
public readonly record struct ImageShape(int Height, int Width, int Channels)
{
    public int Features => Height * Width * Channels;

    public override string ToString() => $"{Height}×{Width}×{Channels}";
}
