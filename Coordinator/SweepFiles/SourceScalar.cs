using System.Globalization;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>A scalar; only plain (unquoted) scalars can be numbers or null, as in YAML's core schema.</summary>
public sealed class SourceScalar(string where, string text, bool isPlain) : SourceNode(where)
{
    public string Text { get; } = text;
    public bool IsPlain { get; } = isPlain;

    public bool IsNull => IsPlain && Text is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Written as a whole number (`5`, `-3`, `99999999999999999999`), whether or not it fits in 64 bits.</summary>
    public bool IsWholeNumber => IsPlain && Text.TrimStart('+', '-') is { Length: > 0 } digits && Text.Length - digits.Length <= 1
        && digits.All(char.IsAsciiDigit);

    /// <summary>A whole number that fits in a long; a longer one is still <see cref="IsWholeNumber"/> (and too large).</summary>
    public bool TryGetInteger(out long value)
    {
        value = 0;
        return IsWholeNumber && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Whole, but above <paramref name="maximum"/> (or past 64 bits): say it is too large, not that it is not a number.</summary>
    public bool IsWholeNumberAbove(long maximum) =>
        IsWholeNumber && (TryGetInteger(out var value) ? value > maximum : !Text.StartsWith('-'));

    /// <summary>A finite number written plainly: `0.5`, `1e-4`, `3`. `.inf`, `NaN` and quoted text are not numbers.</summary>
    public bool TryGetNumber(out double value)
    {
        value = 0;
        return IsPlain && Text.Length > 0 && (char.IsAsciiDigit(Text[0]) || Text[0] is '-' or '+' or '.')
            && double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    public override string Describe() =>
        IsNull ? "nothing" : IsPlain ? $"'{Text}'" : $"the quoted string '{Text}'";
}
