namespace Sweep.Cli.Tests.Commands;

/// <summary>`--help` of the root, every branch and every command: exit 0, on stdout, listing every option.</summary>
public class HelpTests
{
    public static TheoryData<string> Commands() => new(SweepCommandModel.Instance.Commands.Select(command => command.Path));

    public static TheoryData<string> Branches() => new(SweepCommandModel.Instance.Branches);

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_ExitsZero_AndListsEveryOptionOfTheSettings(string path)
    {
        var command = SweepCommandModel.Instance.Command(path);

        var help = SweepProcess.Run([.. command.Words, "--help"]);

        Assert.True(help.ExitCode == 0 && help.Stderr.Length == 0, help.ToString());
        Assert.NotEmpty(command.Options);
        var missing = command.Options.Where(option => !help.Stdout.Contains(option.Name + " ", StringComparison.Ordinal)
            && !help.Stdout.Contains(option.Name + "\n", StringComparison.Ordinal)).Select(option => option.Name).ToArray();
        Assert.True(missing.Length == 0, $"`sweep {path} --help` does not list {string.Join(", ", missing)}:\n{help.Stdout}");
    }

    [Theory]
    [MemberData(nameof(Branches))]
    public void BranchHelp_ExitsZero_AndListsItsCommands(string path)
    {
        var help = SweepProcess.Run([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.True(help.ExitCode == 0 && help.Stderr.Length == 0, help.ToString());
        Assert.NotEmpty(SweepCommandModel.ListedCommands(help.Stdout));
    }

    [Fact]
    public void EveryCommandClass_IsListedInTheHelp()
    {
        // The model maps each listed command to its class (and fails if one has none); here the converse: a command
        // class that the help does not list was written but never registered.
        var model = SweepCommandModel.Instance;

        var listed = model.Commands.Select(command => string.Concat(command.Words.SelectMany(word => word.Split('-')).Select(word => char.ToUpperInvariant(word[0]) + word[1..])) + "Command");
        Assert.Equal(model.CommandTypes.Order(), listed.Order());
    }

    [Fact]
    public void TheModel_FindsTheKnownCommands_SoTheTheoriesAboveAreNotEmpty()
    {
        var paths = SweepCommandModel.Instance.Commands.Select(command => command.Path).ToArray();

        foreach (var known in new[] { "run", "worker", "dashboard", "report", "status", "train", "eval", "export", "export-model", "bench engine", "bench scheduler", "data get" })
            Assert.Contains(known, paths);
        Assert.Equal(["", "bench", "data"], SweepCommandModel.Instance.Branches);
    }
}
