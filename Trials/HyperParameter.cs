using System.Globalization;
using System.Text.Json.Nodes;
using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>
/// One hyperparameter, declared once in <see cref="HyperParameters"/>: its name (in sweep files, canonical JSON, the
/// trial_results view and reports), kind, default, rule, `train` help, and how a value is written to JSON, read back,
/// shown, and handed to the Engine. Values are boxed as the kind's type (double, int, ulong, int[], an enum).
/// </summary>
public abstract class HyperParameter(string name, ParameterKind kind, string help)
{
    public string Name { get; } = name;
    public ParameterKind Kind { get; } = kind;

    /// <summary>The `train --help` description (Spectre markup: `[[` is a literal `[`), ending with its default.</summary>
    public string Help { get; } = help;

    /// <summary>The `train` option, e.g. --lr-schedule for lr_schedule.</summary>
    public string Option => "--" + Name.Replace('_', '-');

    public abstract object DefaultValue { get; }

    /// <summary>
    /// True for a parameter added after results were first stored: canonical JSON holds it only when it differs from
    /// its default, so every trial stored before it existed keeps its hash and reads back with the default.
    /// </summary>
    public bool AddedLater { get; init; }

    /// <summary>The rule in words, e.g. "must be > 0"; empty for choices.</summary>
    public virtual string Rule => "";

    public virtual bool ObeysRule(double number) => true;

    /// <summary>The largest whole number (or width) a value may have: what the Engine's field holds exactly.</summary>
    public virtual long Maximum => long.MaxValue;

    /// <summary>The names a Choice parameter accepts, lowercase.</summary>
    public virtual IReadOnlyList<string> Choices => [];

    /// <summary>The value in canonical JSON, where equal values must give equal text (it is hashed).</summary>
    public abstract JsonNode ToJson(object value);

    public abstract object FromJson(JsonNode node);

    /// <summary>A sweep file's number (already checked against the rule) as this parameter's value.</summary>
    public virtual object FromNumber(double number) => throw new InvalidOperationException($"{Name} is not a number");

    /// <summary>A `train` option's text as a value; ArgumentException names the option and the accepted values.</summary>
    public virtual object Parse(string text) => throw new InvalidOperationException($"{Name} is read as a number");

    /// <summary>The value as reports compare, sort and print it and the view shows it: numbers stay numbers, hidden is 'none' or '256,128'.</summary>
    public virtual object ReportValue(object value) => value;

    /// <summary>The report value as invariant text: 0.0001, none, 256,128, he.</summary>
    public string Text(object value) => ReportValue(value) switch
    {
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? "",
    };

    /// <summary>The Engine option this value sets; options that are not the Engine's (val_size) leave them as they are.</summary>
    public abstract TrainingOptions ApplyTo(TrainingOptions options, object value);

    /// <summary>True when <paramref name="value"/> has this parameter's type.</summary>
    public abstract bool Holds(object value);

    public override string ToString() => Name;
}
