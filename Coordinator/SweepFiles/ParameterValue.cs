using System.Globalization;
using System.Text.Json.Nodes;
using Sweep.Engine.Model;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// One validated value of a parameter. <see cref="Text"/> is canonical (shortest round-trip number, `[256,128]`,
/// `he`, `[conv5x5:32,pool2,fc:500]`), so two values are the same exactly when their texts are.
/// </summary>
public sealed record ParameterValue
{
    private ParameterValue(double number, IReadOnlyList<int>? widths, string? choice, string text, IReadOnlyList<LayerSpec>? layers = null)
    {
        Number = number;
        Widths = widths;
        Choice = choice;
        Text = text;
        Layers = layers;
    }

    public double Number { get; }
    public IReadOnlyList<int>? Widths { get; }
    public IReadOnlyList<LayerSpec>? Layers { get; }
    /// <summary>The lowercase name of a Choice parameter's value, e.g. `he`.</summary>
    public string? Choice { get; }
    public string Text { get; }

    public static ParameterValue OfNumber(double number) =>
        new(number == 0 ? 0.0 : number, null, null, (number == 0 ? 0.0 : number).ToString("R", CultureInfo.InvariantCulture));

    public static ParameterValue OfWidths(IReadOnlyList<int> widths) =>
        new(0, widths.ToArray(), null, $"[{string.Join(',', widths)}]");

    public static ParameterValue OfChoice(string name) => new(0, null, name, name);

    public static ParameterValue OfLayers(IReadOnlyList<LayerSpec> layers) =>
        new(0, null, null, $"[{string.Join(',', layers)}]", layers.ToArray());

    public JsonNode ToJson() =>
        Widths is not null ? new JsonArray(Widths.Select(width => (JsonNode?)width).ToArray())
        : Layers is not null ? new JsonArray(Layers.Select(layer => (JsonNode?)layer.ToString()).ToArray())
        : Choice is not null ? JsonValue.Create(Text)
        : Number == Math.Floor(Number) && Math.Abs(Number) < 1e15 ? JsonValue.Create((long)Number)
        : JsonValue.Create(Number);

    public bool Equals(ParameterValue? other) => other is not null && other.Text == Text;

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Text;
}
