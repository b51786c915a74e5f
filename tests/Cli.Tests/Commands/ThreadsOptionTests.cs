namespace Sweep.Cli.Tests.Commands;

/// <summary>`--threads` below 1 is refused by every command that takes a thread count, before any file is read.</summary>
public class ThreadsOptionTests
{
    [Theory]
    [InlineData("train", "0")]
    [InlineData("train", "-1")]
    [InlineData("eval", "0")]
    [InlineData("eval", "-1")]
    public void ThreadsBelowOne_ExitsTwo_NamingTheRule(string command, string threads)
    {
        using var folder = new TempFolder();
        // eval's model file does not exist: the thread count must be refused before it is looked for.
        string[] line = command == "eval" ? ["eval", "missing.bin", "--threads", threads] : ["train", "--threads", threads];

        var result = SweepProcess.RunIn(folder.Path, line);

        Assert.True(result.ExitCode == 2, result.ToString());
        var error = Assert.Single(result.StderrLines);
        Assert.Contains($"threads must be >= 1 (got {threads})", error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }
}
