using Sweep.Trials;

namespace Sweep.Cli.Arguments;

/// <summary>
/// Checks the options of the chosen command before Spectre parses the line. Spectre 0.57 (strict parsing) retries
/// a line whose option lacks its value with "__default_command" inserted, and that word then becomes the value
/// (`--results` wrote to ./__default_command); its conversion errors name .NET types ("Nullable`1"). Here every
/// value-taking option must be followed by a value of its kind, else one line names the option and what it expects.
/// Unknown commands and options are left to Spectre, which already refuses them by name.
/// </summary>
public static class ArgumentCheck
{
    private static readonly string[] HelpFlags = ["-h", "--help", "-?"];

    /// <summary>
    /// Returns the branch path ("" for the root) when the line names a branch but none of its commands
    /// (`sweep bench`), null when a command was found and its options are well formed; throws
    /// <see cref="UsageException"/> for an option without its value or with a value of the wrong kind.
    /// </summary>
    public static string? Check(IReadOnlyList<string> args, CommandTable commands)
    {
        var options = args.TakeWhile(arg => arg != "--").ToArray();
        if (options.Any(arg => HelpFlags.Contains(arg, StringComparer.OrdinalIgnoreCase))) return null;

        // The command path: the leading words that name branches and then a command.
        var path = "";
        var position = 0;
        while (commands.SubcommandsOf(path) is { } names)
        {
            if (position >= options.Length || IsOption(options[position]))
                return path.Length == 0 && position < options.Length ? null : path; // `sweep --version` is Spectre's
            var name = options[position];
            if (!names.Contains(name)) return null; // Spectre says "Unknown command"
            path = path.Length == 0 ? name : $"{path} {name}";
            position++;
        }
        var settings = commands.SettingsOf(path);
        if (settings is null) return null;

        var specs = OptionSpec.Of(settings);
        for (var i = position; i < options.Length; i++)
        {
            if (!IsOption(options[i])) continue;
            var (name, inlineValue) = Split(options[i]);
            var spec = specs.FirstOrDefault(option => option.Names.Contains(name));
            if (spec is null || !spec.TakesValue) continue; // unknown options and flags are Spectre's to judge
            string? value = inlineValue;
            if (value is null && i + 1 < options.Length && !IsOption(options[i + 1])) value = options[++i];
            if (string.IsNullOrEmpty(value))
                throw new UsageException($"{spec.Display}: missing value (expected {spec.Expected})");
            if (!ValueKinds.Accepts(spec.Kind, value))
                throw new UsageException($"{spec.Display}: expected {ValueKinds.InRange(spec.Kind, value) ?? spec.Expected}, got '{value}'");
        }
        return null;
    }

    /// <summary>`--name`, `-n`, but not a negative number such as -1 or -0.5, which is a value.</summary>
    private static bool IsOption(string arg) =>
        arg.Length >= 2 && arg[0] == '-' && !char.IsAsciiDigit(arg[1]) && arg[1] != '.';

    /// <summary>`--name=value` and `--name:value` carry their value, as Spectre allows.</summary>
    private static (string Name, string? Value) Split(string arg)
    {
        var separator = arg.IndexOfAny(['=', ':']);
        return separator < 0 ? (arg, null) : (arg[..separator], arg[(separator + 1)..]);
    }
}
