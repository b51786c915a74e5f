using System.Text.Json.Nodes;
using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>
/// A real (double) or whole-number (int, ulong) hyperparameter with a rule on its value. Reals are cast to REAL in the
/// view: canonical JSON writes 1.0 as 1, which json_extract reads as an integer.
/// </summary>
public sealed class NumberParameter<T>(string name, string help, T defaultValue, string rule, Func<double, bool> obeysRule,
    Func<TrainingOptions, T, TrainingOptions>? applyTo, long maximum = int.MaxValue)
    : HyperParameter<T>(name, typeof(T) == typeof(double) ? ParameterKind.Real : ParameterKind.Integer, help, defaultValue, applyTo)
    where T : struct
{
    public override string Rule => rule;
    public override bool ObeysRule(double number) => obeysRule(number);
    public override long Maximum => Kind == ParameterKind.Real ? long.MaxValue : maximum;

    /// <summary>System.Text.Json writes a double as the shortest text that round-trips, so 1e-4, 0.0001 and 1.0e-4 all
    /// become the same text; -0 is folded into 0.</summary>
    public override JsonNode ToJson(object value) => value switch
    {
        double number => JsonValue.Create(number == 0 ? 0.0 : number),
        int number => JsonValue.Create(number),
        ulong number => JsonValue.Create(number),
        _ => throw new ArgumentException($"{Name}: not a {typeof(T).Name}"),
    };

    public override object FromJson(JsonNode node) => node.GetValue<T>();

    // Each branch boxed on its own: a conditional expression of double, int and ulong would make all three a double.
    public override object FromNumber(double number) =>
        typeof(T) == typeof(double) ? (object)number : typeof(T) == typeof(int) ? (object)(int)number : (object)(ulong)number;
}
