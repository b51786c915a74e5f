using Sweep.Worker.Trials;

namespace Sweep.Scheduler.SweepFiles;

/// <summary>
/// One Engine option as a sweep parameter: its name in sweep files, its kind, the rule its numbers obey (checked
/// for every value, and for both bounds of a range), and how a value is written into a <see cref="TrialConfig"/>.
/// </summary>
public sealed class SweepParameter(
    string name, ParameterKind kind, string rule, Func<double, bool> obeysRule, Func<TrialConfig, ParameterValue, TrialConfig> apply,
    IReadOnlyList<string>? choices = null, long maximum = long.MaxValue)
{
    /// <summary>The largest value an Integer parameter (or a width) may have: what the Engine's field holds exactly.</summary>
    public long Maximum { get; } = maximum;

    /// <summary>The names a Choice parameter accepts, lowercase.</summary>
    public IReadOnlyList<string> Choices { get; } = choices ?? [];

    public string Name { get; } = name;
    public ParameterKind Kind { get; } = kind;

    /// <summary>The rule in words, e.g. "must be > 0"; empty for widths and choices.</summary>
    public string Rule { get; } = rule;

    public bool ObeysRule(double number) => obeysRule(number);

    public TrialConfig Apply(TrialConfig config, ParameterValue value) => apply(config, value);
}
