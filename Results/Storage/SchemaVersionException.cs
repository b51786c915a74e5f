namespace Sweep.Results.Storage;

/// <summary>
/// The results file was written by a newer sweep whose schema this build does not know: opening it could corrupt
/// what the newer build relies on, so it is refused.
/// </summary>
public sealed class SchemaVersionException(string path, int fileVersion, int codeVersion)
    : NotAResultsFileException(path, $"results schema version {fileVersion} is newer than this build's version {codeVersion}",
        "use a newer sweep or another results file")
{
    public int FileVersion { get; } = fileVersion;
    public int CodeVersion { get; } = codeVersion;
}
