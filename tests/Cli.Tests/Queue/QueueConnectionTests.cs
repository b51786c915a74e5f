namespace Sweep.Cli.Tests.Queue;

/// <summary>`--queue` values as a user types them, through the real CLI: bad ones exit 2 without echoing the password.</summary>
public class QueueConnectionTests
{
    [Theory]
    [InlineData("postgres://user:s3cr3t-pw@")]
    [InlineData("Host=;Password=s3cr3t-pw")]
    [InlineData("Hots=127.0.0.1;Password=s3cr3t-pw")]
    public void BadQueue_ExitsWith2_WithoutPrintingThePassword(string queue)
    {
        var result = SweepProcess.Run("worker", "--queue", queue);

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
