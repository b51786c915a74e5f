using System.Text.Json.Nodes;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>`{value: x}`: every trial uses x.</summary>
public sealed record ConstantSpec(SweepParameter Parameter, string Where, ParameterValue Value) : ParameterSpec(Parameter, Where)
{
    public override bool Varies => false;

    public override JsonObject ToJson() => new() { ["value"] = Value.ToJson() };
}
