using System.Diagnostics;
using System.Text;

namespace Sweep.Cli.Tests.SweepFiles;

/// <summary>
/// Inputs that are not a sweep file at all, or are built to exhaust the reader (huge, endless, deeply nested,
/// alias bombs), are refused quickly with one clear line naming the file: exit 2, nothing written.
/// </summary>
public sealed class UnreadableSweepFileTests
{
    [Fact]
    public void Run_RefusesAFolder()
    {
        using var folder = new TempFolder();

        var result = SweepProcess.Run("run", folder.Path, "--results", folder.ResultsPath);

        AssertRefused(result, folder, $"sweep: {folder.Path}: cannot read the sweep file: it is a folder");
    }

    [Fact]
    public void Run_RefusesADevice_WithoutReadingIt()
    {
        using var folder = new TempFolder();

        var result = SweepProcess.Run("run", "/dev/zero", "--results", folder.ResultsPath);

        AssertRefused(result, folder, "sweep: /dev/zero: cannot read the sweep file: it is a character device, not a regular file");
    }

    [Fact]
    public void Run_RefusesAFifo_WithoutWaitingForAWriter()
    {
        using var folder = new TempFolder();
        var fifo = Path.Combine(folder.Path, "sweep.yaml");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();

        var result = SweepProcess.Run("run", fifo, "--results", folder.ResultsPath);

        AssertRefused(result, folder, $"sweep: {fifo}: cannot read the sweep file: it is a FIFO (named pipe), not a regular file");
    }

    [Fact]
    public void Run_RefusesAFileOverOneMebibyte_SayingTheLimit()
    {
        using var folder = new TempFolder();
        var padding = new StringBuilder().Insert(0, "# padding padding padding padding padding padding padding\n", 20_000);
        var file = folder.Write("huge.yaml", "name: huge\nparameters:\n  lr: {value: 0.1}\n" + padding);

        var result = SweepProcess.Run("run", file, "--results", folder.ResultsPath);

        AssertRefused(result, folder, $"sweep: {file}: cannot read the sweep file: it is larger than the 1 MiB (1048576 bytes) a sweep file may have");
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("[{a: ", "}]")]
    public void Run_RefusesDeepNesting_AsAnErrorAtItsPosition_NotAStackOverflow(string open, string close)
    {
        using var folder = new TempFolder();
        var depth = 20_000;
        var file = folder.Write("deep.yaml", "name: deep\nparameters:\n  lr: {values: " + string.Concat(Enumerable.Repeat(open, depth)) + "1"
            + string.Concat(Enumerable.Repeat(close, depth)) + "}\n");

        var result = SweepProcess.Run("run", file, "--results", folder.ResultsPath);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Matches($@"^sweep: {System.Text.RegularExpressions.Regex.Escape(file)}:3:\d+: \(yaml\): syntax error: nested deeper than 64 levels", line);
        Assert.False(File.Exists(folder.ResultsPath));
    }

    [Fact]
    public void Run_ReportsAnErrorReachedThroughAliases_Once()
    {
        using var folder = new TempFolder();
        var file = folder.Write("alias.yaml", "name: alias\nparameters:\n  hidden: {values: [&w [0], *w, *w, *w]}\n  batch: {values: [&b 0, *b]}\n");

        var result = SweepProcess.Run("run", file, "--results", folder.ResultsPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Collection(result.StderrLines,
            line => Assert.Equal($"sweep: {file}:3:25: parameters.hidden.values[0]: every width must be >= 1, got 0", line),
            line => Assert.Equal($"sweep: {file}:4:20: parameters.batch.values[0]: batch must be >= 1, got 0", line));
        Assert.False(File.Exists(folder.ResultsPath));
    }

    [Fact]
    public void Run_RefusesAnAliasBomb_AtTheAliasThatExpandsTooFar()
    {
        using var folder = new TempFolder();
        var text = new StringBuilder("name: lol\nparameters:\n  lr: {values: [0.1]}\n  seed: {values: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}\n");
        var previous = "a";
        foreach (var name in new[] { "b", "c", "d", "e", "f", "g", "h", "i" })
        {
            text.Append($"x{name}: &{name} [{string.Join(", ", Enumerable.Repeat($"*{previous}", 10))}]\n");
            previous = name;
        }
        var file = folder.Write("lol.yaml", text.ToString());

        var result = SweepProcess.Run("run", file, "--results", folder.ResultsPath);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith($"sweep: {file}:8:", line);
        Assert.Contains("aliases expand to more than 100000 nodes", line);
        Assert.False(File.Exists(folder.ResultsPath));
    }

    [Fact]
    public void Run_ListsAtMostAHundredErrors_AndCountsTheRest()
    {
        using var folder = new TempFolder();
        var values = string.Join(", ", Enumerable.Range(0, 500).Select(i => $"-{i + 1}"));
        var file = folder.Write("many.yaml", $"name: many\nparameters:\n  lr: {{values: [{values}]}}\n");

        var result = SweepProcess.Run("run", file, "--results", folder.ResultsPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(101, result.StderrLines.Count);
        Assert.Equal("sweep: ... and 400 more errors not shown; fix the ones above first", result.StderrLines[^1]);
    }

    private static void AssertRefused(SweepResult result, TempFolder folder, string expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith(expected, Assert.Single(result.StderrLines));
        Assert.False(File.Exists(folder.ResultsPath));
    }
}
