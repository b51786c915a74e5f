namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// `sweep worker --lease SECONDS` is checked before the worker connects anywhere: below its minimum it is one line naming
/// the option, exit 2; `--help` documents it. (Without a value, or not a number: OptionValueTests, for every option.)
/// What a short lease does to a killed worker's trial is DistributedRunTests' and DistributedCheckpointTests'.
/// </summary>
public sealed class WorkerLeaseOptionTests
{
    [Theory]
    [InlineData("5")]
    [InlineData("0")]
    public void ALeaseBelowSixSeconds_IsOneLine_Exit2_BeforeConnecting(string seconds)
    {
        // An unreachable queue: a worker that got past the check would wait on it, not exit 2 at once.
        var run = SweepProcess.Run("worker", "--queue", "Host=127.0.0.1;Port=1;Username=nobody;Database=none", "--lease", seconds);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal($"sweep: --lease must be >= 6 seconds (got {seconds})", Assert.Single(run.StderrLines));
    }

    [Fact]
    public void WorkerHelp_DocumentsTheLease()
    {
        var help = SweepProcess.Run("worker", "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--lease <SECONDS>", help.Stdout);
        Assert.Contains("Default: 60", System.Text.RegularExpressions.Regex.Replace(help.Stdout, @"\s+", " "));
    }
}
