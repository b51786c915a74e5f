namespace Sweep.Cli.Tests.SweepFiles;

/// <summary>
/// The surface of a refused sweep file or override: exit code 2, one line per error on stderr (`sweep: FILE:LINE:COLUMN:
/// KEY: message`, then the overrides), nothing on stdout and no results database created. Which files and overrides
/// are refused, and with what message, is decided by the library: Coordinator.Tests' SweepFileValidationTests.
/// </summary>
public sealed class BadSweepFileTests
{
    [Fact]
    public void Run_ReportsEveryError_AtOnce_OneLineEach_OnStderr()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bad.yaml", "name: two\nparameters:\n  lr: {values: [0.1]}\n  colour: {value: blue}\n");

        var result = SweepProcess.Run("run", file, "--results", folder.ResultsPath, "epochs=0");

        Assert.Equal(2, result.ExitCode);
        Assert.Collection(result.StderrLines,
            line => Assert.StartsWith($"sweep: {file}:4:3: parameters.colour: unknown parameter", line),
            line => Assert.StartsWith("sweep: override 'epochs=0': epochs: epochs must be >= 1", line));
        Assert.Equal("", result.Stdout);
        Assert.False(File.Exists(folder.ResultsPath));
    }

    [Fact]
    public void DryRun_RefusesABadOverride_TheSameWay()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(Repository.Root, "sweeps", "lr-lambda.yaml");

        var result = SweepProcess.Run("run", file, "hidden=[500,x]", "--dry-run", "--results", folder.ResultsPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["sweep: override 'hidden=[500,x]': hidden: a width must be a whole number >= 1, got 'x'"], result.StderrLines);
        Assert.Equal("", result.Stdout);
        Assert.False(File.Exists(folder.ResultsPath));
    }
}
