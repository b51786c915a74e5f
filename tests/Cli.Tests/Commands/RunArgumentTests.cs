namespace Sweep.Cli.Tests.Commands;

/// <summary>`sweep run` refusing a sweep file it cannot read, named by the path it really looked at.</summary>
public class RunArgumentTests
{
    [Fact]
    public void MissingSweepFile_GivenRelatively_IsNamedByItsFullPath()
    {
        using var folder = new TempFolder();

        var result = SweepProcess.RunIn(folder.Path, "run", "missing.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"sweep: {Path.Combine(folder.Path, "missing.yaml")}: cannot read the sweep file: no such file", Assert.Single(result.StderrLines));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }
}
