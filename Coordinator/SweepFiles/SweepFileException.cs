namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// A sweep file (or its command-line overrides) is invalid. Holds every error, each `WHERE: KEY: message`;
/// it exits with code 2 and prints one line per error.
/// </summary>
public sealed class SweepFileException(IReadOnlyList<string> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors.ToArray();
}
