namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// `--lease SECONDS` of `sweep worker` and `sweep run` is checked before either connects anywhere or opens a file: below
/// its minimum or above a day it is one line naming the option, exit 2; `--help` documents it. (Without a value, or not a number:
/// OptionValueTests, for every option.) What a short lease does to a killed worker's or run's trial is
/// DistributedRunTests' and DistributedCheckpointTests'.
/// </summary>
public sealed class LeaseOptionTests
{
    [Theory]
    [InlineData("worker", "5", "--lease must be >= 6 seconds (got 5)")]
    [InlineData("worker", "0", "--lease must be >= 6 seconds (got 0)")]
    [InlineData("worker", "86401", "--lease must be <= 86400 seconds, a day (got 86401)")]
    [InlineData("run", "5", "--lease must be >= 6 seconds (got 5)")]
    [InlineData("run", "-1", "--lease must be >= 6 seconds (got -1)")]
    [InlineData("run", "86401", "--lease must be <= 86400 seconds, a day (got 86401)")]
    public void ALeaseOutsideSixSecondsToADay_IsOneLine_Exit2_BeforeConnectingOrOpeningResults(string command, string seconds, string expected)
    {
        using var folder = new TempFolder();
        var file = folder.Write("lease.yaml", "parameters:\n  lr: {values: [0.1]}\n  epochs: {value: 1}\n");
        string[] target = command == "run" ? ["run", file] : ["worker"];

        // An unreachable queue: a command that got past the check would wait on it, not exit 2 at once.
        var run = SweepProcess.RunIn(folder.Path, [.. target, "--queue", "Host=127.0.0.1;Port=1;Username=nobody;Database=none", "--lease", seconds]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal($"sweep: {expected}", Assert.Single(run.StderrLines));
        Assert.False(File.Exists(folder.ResultsPath), "a refused run opened its results file");
    }

    [Theory]
    [InlineData("worker")]
    [InlineData("run")]
    public void Help_DocumentsTheLease(string command)
    {
        var help = SweepProcess.Run(command, "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--lease <SECONDS>", help.Stdout);
        Assert.Contains("Default: 60", System.Text.RegularExpressions.Regex.Replace(help.Stdout, @"\s+", " "));
    }
}
