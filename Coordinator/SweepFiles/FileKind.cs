using System.Runtime.InteropServices;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// What kind of file system entry a path is, from Linux's statx (whose layout is the same on every architecture):
/// .NET reports a device or a FIFO as a normal empty file, and opening a FIFO blocks until someone writes to it.
/// Non-goal: other systems, where <see cref="Describe"/> returns null and the bounded read is the only guard.
/// </summary>
public static partial class FileKind
{
    private const int AtCurrentDirectory = -100;
    private const uint TypeMask = 0x0001; // STATX_TYPE
    private const int ModeOffset = 28;    // stx_mode in struct statx

    /// <summary>In words, what <paramref name="path"/> is when it is not a regular file (`a FIFO (named pipe)`); else null.</summary>
    public static string? Describe(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[256];
        try
        {
            if (Statx(AtCurrentDirectory, path, 0, TypeMask, buffer) != 0) return null; // missing: the open says so
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return (BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000) switch
        {
            0x8000 => null,
            0x4000 => "a folder",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0x1000 => "a FIFO (named pipe)",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte[] buffer);
}
