namespace Sweep.Cli.Tests.Commands;

/// <summary>`sweep report`'s argument errors, and counts printed with the right number.</summary>
public class ReportCommandTests
{
    [Theory]
    [InlineData("accuracy", "val_acc")]
    [InlineData("loss", "val_loss")]
    [InlineData("test_accuracy", "test_acc")]
    [InlineData("val-acc", "val_acc")]
    public void UnknownMetric_SuggestsTheClosestOne(string written, string suggested)
    {
        using var folder = new TempFolder();

        var result = SweepProcess.RunIn(folder.Path, "report", "--by", written);

        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.StderrLines);
        Assert.StartsWith($"sweep: --by: unknown metric '{written}'; did you mean '{suggested}'?", error);
        Assert.Contains("val_acc, val_loss, test_acc, test_loss, train_loss", error);
    }

    [Fact]
    public void ASweepOfOneTrial_IsCountedAsOneTrial_NotOneTrials()
    {
        using var folder = new TempFolder();
        StoredSweeps.Add(folder.ResultsPath, "single", 0.1);

        var result = SweepProcess.RunIn(folder.Path, "report", "single", "--format", "markdown");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(" of 1 trial in ", result.Stdout);
        Assert.DoesNotContain("1 trials", result.Stdout);
    }
}
