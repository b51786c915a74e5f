using System.Globalization;
using System.Text.Json.Nodes;
using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>
/// Hidden layer widths, an int[]: [] in JSON is softmax regression. People (the `train` option, the view, reports)
/// write it as text: none, 500, 256,128.
/// </summary>
public sealed class WidthsParameter(string name, string help, Func<TrainingOptions, IReadOnlyList<int>, TrainingOptions> applyTo)
    : HyperParameter<IReadOnlyList<int>>(name, ParameterKind.Widths, help, [], applyTo)
{
    public override string Rule => "every width must be >= 1";
    public override bool ObeysRule(double number) => number >= 1;
    public override long Maximum => int.MaxValue;

    public override JsonNode ToJson(object value) => new JsonArray(((IReadOnlyList<int>)value).Select(width => (JsonNode?)width).ToArray());

    public override object FromJson(JsonNode node) => node.AsArray().Select(width => (int)width!).ToArray();

    public override object Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Equals("none", StringComparison.OrdinalIgnoreCase)) return Array.Empty<int>();
        return trimmed.Split(',').Select(part =>
        {
            if (!int.TryParse(part.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var width) || width < 1)
                throw new ArgumentException($"{Option}: '{part.Trim()}' is not a layer width (expected none, or widths >= 1 like 500 or 256,128)");
            return width;
        }).ToArray();
    }

    public override object ReportValue(object value) =>
        value is IReadOnlyList<int> { Count: > 0 } widths ? string.Join(',', widths) : "none";
}
