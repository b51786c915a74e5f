using Spectre.Console.Cli;

namespace Sweep.Cli.Arguments;

/// <summary>
/// Every command of `sweep` by its path ("run", "bench engine") with the settings type it binds, recorded while
/// the commands are registered with Spectre so that <see cref="ArgumentCheck"/> can read the options of the chosen
/// command before Spectre parses (Spectre's own model is internal).
/// </summary>
public sealed class CommandTable
{
    private readonly Dictionary<string, Type> settingsByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> subcommands = new(StringComparer.Ordinal) { [""] = [] };

    /// <summary>A top-level command.</summary>
    public ICommandConfigurator Add<TCommand>(IConfigurator config, string name) where TCommand : class, ICommand
    {
        Record(typeof(TCommand), "", name);
        return config.AddCommand<TCommand>(name);
    }

    /// <summary>A command under a branch such as `bench`.</summary>
    public ICommandConfigurator Add<TCommand>(IConfigurator<CommandSettings> branch, string branchName, string name)
        where TCommand : class, ICommandLimiter<CommandSettings>
    {
        Record(typeof(TCommand), branchName, name);
        return branch.AddCommand<TCommand>(name);
    }

    /// <summary>A branch: a name whose commands follow it (`sweep bench engine`).</summary>
    public IBranchConfigurator AddBranch(IConfigurator config, string name, Action<IConfigurator<CommandSettings>> commands)
    {
        subcommands[""].Add(name);
        subcommands[name] = [];
        return config.AddBranch(name, commands);
    }

    /// <summary>The settings type of the command at <paramref name="path"/>, or null if it is a branch or unknown.</summary>
    public Type? SettingsOf(string path) => settingsByPath.GetValueOrDefault(path);

    /// <summary>The names under a branch ("" is the root), or null if <paramref name="path"/> is not a branch.</summary>
    public IReadOnlyList<string>? SubcommandsOf(string path) => subcommands.GetValueOrDefault(path);

    private void Record(Type command, string branch, string name)
    {
        var settings = command.GetInterfaces()
            .Where(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ICommand<>))
            .Select(type => type.GetGenericArguments()[0])
            .FirstOrDefault() ?? typeof(CommandSettings);
        var path = branch.Length == 0 ? name : $"{branch} {name}";
        settingsByPath[path] = settings;
        subcommands[branch].Add(name);
    }
}
