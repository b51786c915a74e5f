namespace Sweep.Cli.Tests.Commands;

/// <summary>An option as its settings property declares it: `--name`, whether `&lt;VALUE&gt;` must follow, and the property's type.</summary>
public sealed record CliOption(string Name, bool TakesValue, Type ValueType)
{
    /// <summary>int, int? and the like without the Nullable wrapper.</summary>
    public Type Underlying => Nullable.GetUnderlyingType(ValueType) ?? ValueType;

    public bool IsNumeric => Underlying == typeof(int) || Underlying == typeof(ulong) || Underlying == typeof(double);
}
