using System.Text.Json.Nodes;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>How one parameter is given: a constant, a list of values, or (random only) a range. Immutable.</summary>
public abstract record ParameterSpec(SweepParameter Parameter, string Where)
{
    public string Name => Parameter.Name;

    /// <summary>Every value as written with its position (for a range: min and max); for errors found after reading.</summary>
    public IReadOnlyList<ValueOrigin> Origins { get; init; } = [];

    /// <summary>True when trials differ in this parameter (a list of values or a range).</summary>
    public abstract bool Varies { get; }

    /// <summary>The spec as written in a sweep file: `{value: x}`, `{values: [...]}`, `{min, max, scale}`.</summary>
    public abstract JsonObject ToJson();
}
