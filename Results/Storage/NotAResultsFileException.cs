namespace Sweep.Results.Storage;

/// <summary>
/// The path given is not a results file this build can use: a folder, a file that is not an SQLite database, another
/// program's database, a damaged file, or one written by a newer sweep. Bad input (exit code 2); nothing is written to it.
/// </summary>
public class NotAResultsFileException(string path, string problem, string? hint = null, Exception? innerException = null)
    : ResultsFileException(path, problem, hint, innerException);
