using System.Text.Json.Nodes;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// `{values: [a, b, ...]}`: a grid axis, or for a random sweep a uniform choice. Repeated values are dropped
/// (first kept), so the grid's size is the product of the distinct counts.
/// </summary>
public sealed record ValuesSpec(SweepParameter Parameter, string Where, IReadOnlyList<ParameterValue> Values)
    : ParameterSpec(Parameter, Where)
{
    public override bool Varies => Values.Count > 1;

    public override JsonObject ToJson() => new() { ["values"] = new JsonArray(Values.Select(value => (JsonNode?)value.ToJson()).ToArray()) };
}
