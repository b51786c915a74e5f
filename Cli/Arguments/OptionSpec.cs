using System.Reflection;
using Spectre.Console.Cli;

namespace Sweep.Cli.Arguments;

/// <summary>One option of a command as the user writes it: its names, whether a value follows, and that value's kind.</summary>
public sealed record OptionSpec(IReadOnlyList<string> Names, bool TakesValue, ValueKind Kind, string? ValueName)
{
    /// <summary>The name shown in messages: the first long name with its dashes (--workers).</summary>
    public string Display => Names[0];

    /// <summary>"a whole number" for numbers; for text, the placeholder of the help (PATH, CONN), which says more.</summary>
    public string Expected => Kind == ValueKind.Text && ValueName is not null ? ValueName : ValueKinds.Expected(Kind);

    /// <summary>
    /// The options of a settings type, read from its [CommandOption] attributes (inherited ones included), so an
    /// option added to a settings class is checked without being listed anywhere else.
    /// </summary>
    public static IReadOnlyList<OptionSpec> Of(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(property => (property, attribute: property.GetCustomAttribute<CommandOptionAttribute>()))
            .Where(pair => pair.attribute is not null)
            .Select(pair => new OptionSpec(
                pair.attribute!.LongNames.Select(name => "--" + name).Concat(pair.attribute.ShortNames.Select(name => "-" + name)).ToArray(),
                // `<VALUE>` is required; `[VALUE]` (optional) and no value at all are flags that may stand alone.
                pair.attribute.ValueName is not null && !pair.attribute.ValueIsOptional,
                ValueKinds.Of(pair.property.PropertyType),
                pair.attribute.ValueName))
            .ToArray();
}
