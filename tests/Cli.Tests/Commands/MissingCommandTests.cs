namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// `sweep`, `sweep bench`, `sweep data`: a command is missing, which is bad input like any other: the help goes to
/// stderr, then one line names what to add, and the exit code is 2 (`--help` is how to ask for help and get 0).
/// </summary>
public class MissingCommandTests
{
    public static TheoryData<string> Branches() => new(SweepCommandModel.Instance.Branches);

    [Theory]
    [MemberData(nameof(Branches))]
    public void BranchWithoutACommand_PrintsItsHelpOnStderr_AndExitsTwo(string path)
    {
        var words = path.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var listed = SweepCommandModel.ListedCommands(SweepProcess.Run([.. words, "--help"]).Stdout);

        var result = SweepProcess.Run(words);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.Contains("USAGE:", result.Stderr);
        Assert.Equal(listed, SweepCommandModel.ListedCommands(result.Stderr));
        var prefix = path.Length == 0 ? "sweep: " : $"sweep: {path}: ";
        Assert.Equal($"{prefix}missing command (one of: {string.Join(", ", listed)})", result.StderrLines[^1]);
    }
}
