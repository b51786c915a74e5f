namespace Sweep.Cli.Tests.Queue;

/// <summary>
/// `--queue` through the real CLI: a bad one exits 2 naming the option without echoing the password. Which values are
/// accepted, and the messages, are Queue.Tests' QueueConnectionTests.
/// </summary>
public class QueueConnectionTests
{
    [Fact]
    public void BadQueue_ExitsWith2_WithoutPrintingThePassword()
    {
        var result = SweepProcess.Run("worker", "--queue", "Hots=127.0.0.1;Password=s3cr3t-pw");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--queue", result.Stderr);
        Assert.DoesNotContain("s3cr3t-pw", result.Stdout + result.Stderr);
    }

    [Fact]
    public void WorkerWithoutAQueue_ExitsWith2_SayingHowToNameOne()
    {
        var result = SweepProcess.Run("worker");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SWEEP_QUEUE", result.Stderr);
    }
}
