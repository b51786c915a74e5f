namespace Sweep.Cli.Tests.Commands;

/// <summary>`sweep bench scheduler` as a user runs it, on a one-trial sweep so that the real-sweep part stays short.</summary>
public sealed class BenchSchedulerCommandTests
{
    [Fact]
    public void Grid_TimesHashingSyncingAndReportingThatManyCells_AndPrintsThePeakMemory()
    {
        using var folder = new TempFolder();
        var sweep = folder.Write("one.yaml", "name: one\nparameters:\n  epochs: {value: 1}\n  val_size: {value: 1000}\n");

        var result = SweepProcess.RunIn(folder.Path, "bench", "scheduler", "--trials", "20", "--grid", "300", "--sweep", sweep);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.StdoutLines, line => line.StartsWith("A 300-cell grid; peak working set of this process ", StringComparison.Ordinal) && line.EndsWith(" MB", StringComparison.Ordinal));
        foreach (var step in new[] { "hash cells", "sync into a new results file", "sync again (a rerun)", "report" })
            Assert.Contains(result.StdoutLines, line => line.Contains(step, StringComparison.Ordinal) && line.Contains("300", StringComparison.Ordinal));
        Assert.Contains(result.StdoutLines, line => line.Contains("InMemory", StringComparison.Ordinal) && line.Contains(" 20 ", StringComparison.Ordinal));
    }
}
