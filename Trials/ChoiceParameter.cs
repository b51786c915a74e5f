using System.Text.Json.Nodes;
using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>One name of an Engine enum, written lowercase everywhere (gaussian, he; cooldown, cosine).</summary>
public sealed class ChoiceParameter<TEnum>(string name, string help, TEnum defaultValue, Func<TrainingOptions, TEnum, TrainingOptions> applyTo)
    : HyperParameter<TEnum>(name, ParameterKind.Choice, help, defaultValue, applyTo) where TEnum : struct, Enum
{
    public override IReadOnlyList<string> Choices { get; } = Enum.GetNames<TEnum>().Select(name => name.ToLowerInvariant()).ToArray();

    public override JsonNode ToJson(object value) => JsonValue.Create(Lower(value));

    public override object FromJson(JsonNode node) => Enum.Parse<TEnum>((string)node!, ignoreCase: true);

    /// <summary>A name only: Enum.TryParse would also take "1" or "gaussian,he".</summary>
    public override object Parse(string text) =>
        Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : throw new ArgumentException($"{Option}: '{text}' is not one of {string.Join(", ", Choices)}");

    public override object ReportValue(object value) => Lower(value);

    private static string Lower(object value) => value.ToString()!.ToLowerInvariant();
}
