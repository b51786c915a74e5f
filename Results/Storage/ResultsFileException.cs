using Sweep.Trials;

namespace Sweep.Results.Storage;

/// <summary>
/// The results file could not be opened, read or written (a full disk, a lock held by another program, a read-only
/// folder, an I/O error): one line that names the file, what is wrong and, where it helps, what to do. A failure of
/// the machine, not of the input (exit code 1); it is also a <see cref="TrialStoreException"/>, so a trial job never
/// records it as the trial's outcome.
/// </summary>
public class ResultsFileException(string path, string problem, string? hint = null, Exception? innerException = null)
    : TrialStoreException(hint is null ? $"{path}: {problem}" : $"{path}: {problem}; {hint}", innerException)
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;
}
