namespace Sweep.Cli.Tests.Commands;

/// <summary>A command of `sweep` ("bench engine"), its options, and placeholders for its required arguments.</summary>
public sealed record CliCommand(string Path, Type Settings, IReadOnlyList<CliOption> Options, IReadOnlyList<string> RequiredArguments)
{
    public string[] Words => Path.Split(' ');

    /// <summary>The command with its required arguments filled in, so that only the option under test is wrong.</summary>
    public string[] Line => [.. Words, .. RequiredArguments.Select(_ => "x")];
}
