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
        var file = folder.Write("bad.yaml", """
            name: many
            method: grdi
            parameters:
              lr: {values: [0, abc]}
              batch: {value: 0}
              colour: {value: blue}
            """);

        var result = SweepProcess.Run("run", file, "--results", folder.ResultsPath, "lrr=0.1");

        Assert.Equal(2, result.ExitCode);
        Assert.Collection(result.StderrLines,
            line => Assert.StartsWith($"sweep: {file}:2:9: method: unknown method 'grdi'; did you mean 'grid'?", line),
            line => Assert.StartsWith($"sweep: {file}:4:17: parameters.lr.values[0]: lr must be > 0", line),
            line => Assert.StartsWith($"sweep: {file}:4:20: parameters.lr.values[1]: expected a number, got 'abc'", line),
            line => Assert.StartsWith($"sweep: {file}:5:18: parameters.batch.value: batch must be >= 1", line),
            line => Assert.StartsWith($"sweep: {file}:6:3: parameters.colour: unknown parameter", line),
            line => Assert.Equal("sweep: override 'lrr=0.1': lrr: unknown parameter; did you mean 'lr'?", line));
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
