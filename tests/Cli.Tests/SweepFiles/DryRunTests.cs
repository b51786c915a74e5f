namespace Sweep.Cli.Tests.SweepFiles;

/// <summary>`sweep run FILE --dry-run` lists the expanded trials in order, prints the count and runs nothing.</summary>
public sealed class DryRunTests
{
    private static string SweepFile(string name) => Path.Combine(Repository.Root, "sweeps", name);

    [Theory]
    [InlineData("lr-lambda.yaml", 16)]
    [InlineData("seed-replication.yaml", 6)]
    [InlineData("hidden-width.yaml", 5)]
    public void DryRun_OfTheShippedSweeps_PrintsTheirTrialCount(string name, int trials)
    {
        using var folder = new TempFolder();

        var result = SweepProcess.Run("run", SweepFile(name), "--dry-run", "--results", folder.ResultsPath);

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
    public void DryRun_DropsRepeatedValues_KeepingTheFirst()
    {
        using var folder = new TempFolder();
        var file = folder.Write("repeats.yaml", "name: repeats\nparameters:\n  lr: {values: [0.1, 1e-1, 0.5, 0.10]}\n");

        var result = SweepProcess.Run("run", file, "--dry-run", "--results", folder.ResultsPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2 trials", result.StdoutLines[^1]);
    }

    [Theory]
    [InlineData(new[] { "lr=0.1,0.5" }, 8)]
    [InlineData(new[] { "epochs=3" }, 16)]
    [InlineData(new[] { "hidden=[],[500],[256,128]" }, 48)]
    [InlineData(new[] { "lr=0.5", "lambda=0", "momentum=0.9,0.5" }, 2)]
    public void DryRun_WithOverrides_CountsTheOverriddenGrid(string[] overrides, int trials)
    {
        using var folder = new TempFolder();

        var result = SweepProcess.Run(["run", SweepFile("lr-lambda.yaml"), .. overrides, "--dry-run", "--results", folder.ResultsPath]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{trials} trials", result.StdoutLines[^1]);
    }

    [Fact]
    public void DryRun_WithAListOverride_TreatsBracketsAsOneValue()
    {
        using var folder = new TempFolder();

        var result = SweepProcess.Run("run", SweepFile("hidden-width.yaml"), "hidden=[256,128]", "--dry-run", "--results", folder.ResultsPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1 trial", result.StdoutLines[^1]);
    }

    [Fact]
    public void DryRun_OfARandomSweep_DrawsRunCapTrials_TheSameEachTime()
    {
        using var folder = new TempFolder();
        var file = folder.Write("random.yaml", """
            name: random-search
            method: random
            run_cap: 7
            parameters:
              lr: {min: 0.01, max: 1, scale: log}
              lambda: {min: 0, max: 0.001}
              epochs: {min: 1, max: 5}
              hidden: {values: [[], [100], [300]]}
            """);

        var first = SweepProcess.Run("run", file, "--dry-run", "--results", folder.ResultsPath);
        var second = SweepProcess.Run("run", file, "--dry-run", "--results", folder.ResultsPath);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("7 trials", first.StdoutLines[^1]);
        Assert.Equal(7, first.TrialLines.Count);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.All(first.TrialLines, line => Assert.Matches(@"epochs=[1-5] ", line));
    }

    [Fact]
    public void DryRun_OfARandomSweep_DrawsOtherTrials_WithAnotherRandomSeed()
    {
        using var folder = new TempFolder();
        const string sweep = "name: seeded\nmethod: random\nrun_cap: 3\nparameters:\n  lr: {min: 0.01, max: 1}\n";
        var withoutSeed = folder.Write("a.yaml", sweep);
        var withSeed = folder.Write("b.yaml", sweep + "random_seed: 7\n");

        var first = SweepProcess.Run("run", withoutSeed, "--dry-run", "--results", folder.ResultsPath);
        var second = SweepProcess.Run("run", withSeed, "--dry-run", "--results", folder.ResultsPath);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.NotEqual(first.TrialLines, second.TrialLines);
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
