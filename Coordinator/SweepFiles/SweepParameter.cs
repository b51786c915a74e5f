using Sweep.Trials;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// One entry of the parameter table as a sweep parameter: its name, kind, the rule its numbers obey (checked for every
/// value, and for both bounds of a range), and how a read value is written into a <see cref="TrialConfig"/>.
/// </summary>
public sealed class SweepParameter(HyperParameter definition)
{
    public HyperParameter Definition { get; } = definition;

    public string Name => Definition.Name;
    public ParameterKind Kind => Definition.Kind;

    /// <summary>The largest value an Integer parameter (or a width) may have: what the Engine's field holds exactly.</summary>
    public long Maximum => Definition.Maximum;

    /// <summary>The names a Choice parameter accepts, lowercase.</summary>
    public IReadOnlyList<string> Choices => Definition.Choices;

    /// <summary>The rule in words, e.g. "must be > 0"; empty for choices.</summary>
    public string Rule => Definition.Rule;

    public bool ObeysRule(double number) => Definition.ObeysRule(number);

    public TrialConfig Apply(TrialConfig config, ParameterValue value) => config.With(Definition, Kind switch
    {
        ParameterKind.Widths => value.Widths!,
        ParameterKind.Layers => value.Layers!,
        ParameterKind.Choice => Definition.Parse(value.Choice!),
        _ => Definition.FromNumber(value.Number),
    });
}
