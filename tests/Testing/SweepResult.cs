namespace Sweep.Testing;

/// <summary>What one run of `./sweep` printed and returned.</summary>
public sealed record SweepResult(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The trial lines of a dry run: those that start with a trial index.</summary>
    public IReadOnlyList<string> TrialLines => StdoutLines.Where(line => char.IsAsciiDigit(line[0]) && !line.EndsWith(" trials") && !line.EndsWith(" trial")).ToArray();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}
