using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>A hyperparameter whose values are <typeparamref name="T"/>; the typed default and Engine mapping live here.</summary>
public abstract class HyperParameter<T>(string name, ParameterKind kind, string help, T defaultValue,
    Func<TrainingOptions, T, TrainingOptions>? applyTo) : HyperParameter(name, kind, help) where T : notnull
{
    public T Default { get; } = defaultValue;

    public override object DefaultValue => Default;

    public override TrainingOptions ApplyTo(TrainingOptions options, object value) =>
        applyTo is null ? options : applyTo(options, (T)value);

    public override bool Holds(object value) => value is T;
}
