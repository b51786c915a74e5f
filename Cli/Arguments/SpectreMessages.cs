using System.Text.RegularExpressions;

namespace Sweep.Cli.Arguments;

/// <summary>
/// Rewords the Spectre parse errors that <see cref="ArgumentCheck"/> should already have caught, so that if one
/// slips through it still reads as a user error: no .NET type name ("Nullable`1", "UInt64") and never the internal
/// "__default_command" word that Spectre substitutes for a missing value.
/// </summary>
public static partial class SpectreMessages
{
    private const string DefaultCommandWord = "__default_command";

    public static string InUserWords(string message)
    {
        if (message.Contains(DefaultCommandWord, StringComparison.Ordinal)) return "an option is missing its value (see --help)";
        var conversion = FailedToConvert().Match(message);
        return conversion.Success ? $"'{conversion.Groups["value"].Value}' is not a valid value for its option (see --help)" : message;
    }

    [GeneratedRegex(@"^Failed to convert '(?<value>.*)' to [\w`]+\.")]
    private static partial Regex FailedToConvert();
}
