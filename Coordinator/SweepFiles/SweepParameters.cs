using Sweep.Trials;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>Every entry of the parameter table, as a sweep may set it; a parameter not given keeps its default.</summary>
public static class SweepParameters
{
    public static readonly IReadOnlyList<SweepParameter> All = HyperParameters.All.Select(parameter => new SweepParameter(parameter)).ToArray();

    public static IEnumerable<string> Names => All.Select(parameter => parameter.Name);

    public static SweepParameter? Find(string name) => All.FirstOrDefault(parameter => parameter.Name == name);
}
