namespace Sweep.Engine.Data;

/// <summary>
/// Writes a file so that a crash at any point leaves either the old file or the new one under its name, never a torn
/// one: the bytes go to a temporary file beside it, reach the disk, and are renamed over it.
/// </summary>
public static class AtomicFile
{
    /// <param name="temporary">The temporary file, in the same folder (a rename across folders is not atomic).</param>
    public static void Write(string path, ReadOnlySpan<byte> bytes, string temporary)
    {
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true); // on disk before the rename makes it the file
        }
        File.Move(temporary, path, overwrite: true);
    }
}
