namespace Sweep.Engine.Data;

/// <summary>
/// Writes a file so that a crash at any point leaves either the old file or the new one under its name, never a torn
/// one: the bytes go to a temporary file beside it, reach the disk, and are renamed over it.
/// </summary>
public static class AtomicFile
{
    /// <param name="temporary">The temporary file, in the same folder (a rename across folders is not atomic). A write that
    /// fails (a full disk, a read-only folder, an error while producing the content) deletes it before the error goes on:
    /// every caller wants it gone.</param>
    public static void Write(string path, byte[] bytes, string temporary) => Write(path, temporary, file => file.Write(bytes));

    /// <summary>As <see cref="Write(string, byte[], string)"/>, for content written straight to the file as it is produced
    /// (an export of a large sweep), so it is never held in memory whole.</summary>
    public static void Write(string path, string temporary, Action<Stream> write)
    {
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(file);
                file.Flush(flushToDisk: true); // on disk before the rename makes it the file
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            // Whatever failed — the disk, or the content being written — the temporary file must not stay behind.
            try { File.Delete(temporary); }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { } // the write's error is the one to report
            throw;
        }
    }
}
