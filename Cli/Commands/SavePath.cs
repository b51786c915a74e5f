using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>
/// Checks before training that `--save PATH` can be written: its folder exists and accepts a new file, and PATH is not a
/// folder. A probe file is created beside PATH and deleted, which is the only honest test (permissions, read-only
/// mounts, ACLs); ModelFile.Save writes PATH.tmp there and renames it, so the folder is what must be writable.
/// </summary>
public static class SavePath
{
    /// <param name="option">The option that named the path, for the messages.</param>
    public static void CheckWritable(string path, string option = "--save")
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? fullPath;
        if (Directory.Exists(fullPath))
            throw new UsageException($"{option} {path}: that is a folder; give a file path such as {Path.Combine(path, "model.bin")}");
        if (File.Exists(folder))
            throw new UsageException($"{option} {path}: {folder} is a file, not a folder");
        if (!Directory.Exists(folder))
            throw new UsageException($"{option} {path}: the folder {folder} does not exist; create it first");
        var probe = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.probe");
        try
        {
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {path}: cannot write in {folder}: {exception.Message}");
        }
    }
}
