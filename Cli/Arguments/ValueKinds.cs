using System.Globalization;

namespace Sweep.Cli.Arguments;

/// <summary>Maps a property type to a <see cref="ValueKind"/> and checks a written value against it, in user words.</summary>
public static class ValueKinds
{
    public static ValueKind Of(Type propertyType) =>
        (Nullable.GetUnderlyingType(propertyType) ?? propertyType) switch
        {
            var type when type == typeof(int) => ValueKind.WholeNumber,
            var type when type == typeof(ulong) => ValueKind.NonNegativeWholeNumber,
            var type when type == typeof(double) => ValueKind.Number,
            var type when type == typeof(bool) => ValueKind.Boolean,
            _ => ValueKind.Text,
        };

    /// <summary>What a value of this kind looks like, for "expected ..." (never a .NET type name).</summary>
    public static string Expected(ValueKind kind) => kind switch
    {
        ValueKind.WholeNumber => "a whole number",
        ValueKind.NonNegativeWholeNumber => "a whole number >= 0",
        ValueKind.Number => "a number such as 0.1 or 1e-4",
        ValueKind.Boolean => "true or false",
        _ => "a value",
    };

    /// <summary>For a whole number too large (or too small) for its kind, the bound it broke (instead of "a whole number").</summary>
    public static string? InRange(ValueKind kind, string text)
    {
        if (!System.Numerics.BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return null;
        var (min, max) = kind switch
        {
            ValueKind.WholeNumber => (new System.Numerics.BigInteger(int.MinValue), new System.Numerics.BigInteger(int.MaxValue)),
            ValueKind.NonNegativeWholeNumber => (System.Numerics.BigInteger.Zero, new System.Numerics.BigInteger(ulong.MaxValue)),
            _ => (System.Numerics.BigInteger.Zero, System.Numerics.BigInteger.MinusOne),
        };
        if (min > max) return null;
        return number > max ? FormattableString.Invariant($"a whole number at most {max}")
            : number < min ? FormattableString.Invariant($"a whole number at least {min}")
            : null;
    }

    /// <summary>
    /// Whether <paramref name="text"/> converts to the kind; parsed invariantly and within range, as Spectre's
    /// converters then will (a value outside Int32 is refused here rather than as a .NET overflow later).
    /// </summary>
    public static bool Accepts(ValueKind kind, string text) => kind switch
    {
        ValueKind.WholeNumber => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        ValueKind.NonNegativeWholeNumber => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _),
        ValueKind.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number),
        ValueKind.Boolean => bool.TryParse(text, out _),
        _ => true,
    };
}
