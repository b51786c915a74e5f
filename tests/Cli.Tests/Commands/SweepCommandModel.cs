using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// The commands of `sweep` as a user discovers them, from `./sweep --help` and each branch's `--help`, with the
/// options each one declares, read by reflection from the built executable's settings types ([CommandOption] and
/// [CommandArgument] attributes of artifacts/sweep/sweep.dll, loaded in its own load context: the tests still never
/// reference the executable). A command or option added later is covered without being listed in any test.
/// </summary>
public sealed partial class SweepCommandModel
{
    private static readonly Lazy<SweepCommandModel> Built = new(Discover);

    private SweepCommandModel(IReadOnlyList<string> branches, IReadOnlyList<CliCommand> commands, IReadOnlyList<string> commandTypes)
    {
        Branches = branches;
        Commands = commands;
        CommandTypes = commandTypes;
    }

    public static SweepCommandModel Instance => Built.Value;

    /// <summary>Paths that take a command after them: "" (the root), "bench", "data".</summary>
    public IReadOnlyList<string> Branches { get; }

    public IReadOnlyList<CliCommand> Commands { get; }

    /// <summary>Every command class the executable defines, by name, whether or not the help lists it.</summary>
    public IReadOnlyList<string> CommandTypes { get; }

    public CliCommand Command(string path) => Commands.Single(command => command.Path == path);

    private static SweepCommandModel Discover()
    {
        var paths = new List<string>();
        var branches = new List<string>();
        Walk("", paths, branches);

        var assembly = LoadExecutable();
        var commandTypes = assembly.GetTypes().Where(type => !type.IsAbstract && SettingsOf(type) is not null).ToArray();
        var commands = paths.Select(path =>
        {
            var typeName = string.Concat(path.Split(' ', '-').Select(word => char.ToUpperInvariant(word[0]) + word[1..])) + "Command";
            var type = commandTypes.FirstOrDefault(candidate => candidate.Name == typeName)
                ?? throw new InvalidOperationException($"`sweep {path}` is in the help but sweep.dll has no {typeName}");
            var settings = SettingsOf(type)!;
            return new CliCommand(path, settings, OptionsOf(settings), RequiredArgumentsOf(settings));
        }).ToArray();
        return new SweepCommandModel(branches, commands, commandTypes.Select(type => type.Name).ToArray());
    }

    /// <summary>Reads the COMMANDS section of `sweep PATH --help`; a listed name with its own COMMANDS is a branch.</summary>
    private static void Walk(string path, List<string> commands, List<string> branches)
    {
        branches.Add(path);
        var help = SweepProcess.Run([.. Words(path), "--help"]);
        if (help.ExitCode != 0) throw new InvalidOperationException($"`sweep {path} --help` failed: {help}");
        foreach (var name in ListedCommands(help.Stdout))
        {
            var child = path.Length == 0 ? name : $"{path} {name}";
            var childHelp = SweepProcess.Run([.. Words(child), "--help"]);
            if (ListedCommands(childHelp.Stdout).Count > 0) Walk(child, commands, branches);
            else commands.Add(child);
        }
    }

    public static IReadOnlyList<string> ListedCommands(string help)
    {
        var section = help.Split("COMMANDS:", 2);
        if (section.Length < 2) return [];
        // A command line is indented by exactly four spaces; wrapped descriptions are indented further.
        return CommandLine().Matches(section[1]).Select(match => match.Groups["name"].Value).ToArray();
    }

    private static string[] Words(string path) => path.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static Assembly LoadExecutable()
    {
        SweepProcess.Run("--version"); // builds artifacts/sweep when sources changed
        var path = Path.Combine(Repository.Root, "artifacts", "sweep", "sweep.dll");
        return new ExecutableLoadContext(path).LoadFromAssemblyPath(path);
    }

    /// <summary>TSettings of Command&lt;TSettings&gt; or AsyncCommand&lt;TSettings&gt;, or null for other types.</summary>
    private static Type? SettingsOf(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
            if (current.IsGenericType && current.GetGenericTypeDefinition().FullName is "Spectre.Console.Cli.Command`1" or "Spectre.Console.Cli.AsyncCommand`1")
                return current.GetGenericArguments()[0];
        return null;
    }

    private static CliOption[] OptionsOf(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(property => (property, template: Template(property, "Spectre.Console.Cli.CommandOptionAttribute", argument: 0)))
            .Where(pair => pair.template is not null)
            .Select(pair =>
            {
                var parts = pair.template!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var longName = parts[0].Split('|').First(name => name.StartsWith("--", StringComparison.Ordinal));
                return new CliOption(longName, parts.Length > 1 && parts[1].StartsWith('<'), pair.property.PropertyType);
            })
            .OrderBy(option => option.Name, StringComparer.Ordinal)
            .ToArray();

    private static string[] RequiredArgumentsOf(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(property => Template(property, "Spectre.Console.Cli.CommandArgumentAttribute", argument: 1))
            .Where(template => template is not null && template.StartsWith('<'))
            .Select(template => template!)
            .ToArray();

    private static string? Template(PropertyInfo property, string attribute, int argument) =>
        property.GetCustomAttributesData().FirstOrDefault(data => data.AttributeType.FullName == attribute)
            ?.ConstructorArguments[argument].Value as string;

    [GeneratedRegex(@"^    (?<name>[a-z][\w-]*)", RegexOptions.Multiline)]
    private static partial Regex CommandLine();

    /// <summary>Resolves sweep.dll's dependencies (Spectre, Results...) from its own folder, beside the test's.</summary>
    private sealed class ExecutableLoadContext(string path) : AssemblyLoadContext("sweep-executable")
    {
        private readonly AssemblyDependencyResolver resolver = new(path);

        protected override Assembly? Load(AssemblyName name) =>
            resolver.ResolveAssemblyToPath(name) is { } file ? LoadFromAssemblyPath(file) : null;
    }
}
