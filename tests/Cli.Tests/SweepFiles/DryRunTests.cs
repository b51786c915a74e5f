namespace Sweep.Cli.Tests.SweepFiles;

/// <summary>
/// `sweep run FILE --dry-run` lists the expanded trials in order, prints the count and runs nothing. Which trials a
/// sweep file and its overrides expand to (counts, order, random draws) is Coordinator.Tests' SweepExpansionTests.
/// </summary>
public sealed class DryRunTests
{
    private static string SweepFile(string name) => Path.Combine(Repository.Root, "sweeps", name);

    [Fact]
    public void DryRun_OfAShippedSweep_PrintsOneLinePerTrial_AndTheirCount()
    {
        using var folder = new TempFolder();
        const int trials = 16;

        var result = SweepProcess.Run("run", SweepFile("lr-lambda.yaml"), "--dry-run", "--results", folder.ResultsPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{trials} trials", result.StdoutLines[^1]);
        Assert.Equal(trials, result.TrialLines.Count);
        Assert.False(File.Exists(folder.ResultsPath));
    }

    [Fact]
    public void DryRun_OfAGrid_VariesTheFirstParameterSlowest_InValuesOrder()
    {
        using var folder = new TempFolder();
        var file = folder.Write("order.yaml", """
            name: order
            parameters:
              lambda: {values: [0.01, 0]}
              lr: {values: [0.5, 0.1, 1]}
              epochs: {value: 1}
            """);

        var result = SweepProcess.Run("run", file, "--dry-run", "--results", folder.ResultsPath);

        Assert.Equal(0, result.ExitCode);
        var cells = result.TrialLines.Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..3])).ToArray();
        Assert.Equal(
            ["lambda=0.01 lr=0.5", "lambda=0.01 lr=0.1", "lambda=0.01 lr=1", "lambda=0 lr=0.5", "lambda=0 lr=0.1", "lambda=0 lr=1"],
            cells);
    }

    [Fact]
    public void DryRun_AcceptsADatasetFolder_AndShowsItsFullPath()
    {
        using var folder = new TempFolder();
        var digits = Directory.CreateDirectory(Path.Combine(folder.Path, "digits")).FullName;
        foreach (var mnistFile in Directory.GetFiles(MnistData.Folder, "*-ubyte.gz"))
            File.CreateSymbolicLink(Path.Combine(digits, Path.GetFileName(mnistFile)), mnistFile);
        var file = folder.Write("folder.yaml", "name: folder\ndataset: digits\nparameters:\n  lr: {values: [0.1, 0.5]}\n");

        var result = SweepProcess.Run("run", file, "--dry-run", "--results", folder.ResultsPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"on {Path.Combine(folder.Path, "digits")}", result.StdoutLines[0]);
        Assert.Equal("2 trials", result.StdoutLines[^1]);
    }
}
