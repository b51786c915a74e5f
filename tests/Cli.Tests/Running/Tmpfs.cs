using System.Diagnostics;

namespace Sweep.Cli.Tests.Running;

/// <summary>
/// A small tmpfs mounted on a fresh folder (we run as root), so a test can fill a real disk; unmounted and removed on
/// Dispose. <see cref="TmpfsFactAttribute"/> skips a test, saying why, on a machine where mounting is impossible.
/// </summary>
public sealed class Tmpfs : IDisposable
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    public Tmpfs(string size)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sweep-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        var error = Mount(Path, size);
        if (error is not null) throw new InvalidOperationException($"mount -t tmpfs on {Path} failed: {error}");
    }

    public string Path { get; }

    /// <summary>Why a tmpfs cannot be mounted here (not root, no mount permission in a container), or null.</summary>
    public static string? WhyUnavailable => Unavailable.Value;

    /// <summary>Writes zeros into a file on the tmpfs until the disk is full; returns the file.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        // Big blocks first, then single pages, so no page the results file could use is left free.
        foreach (var block in new[] { new byte[1 << 20], new byte[4096] })
        {
            try
            {
                while (true) stream.Write(block);
            }
            catch (IOException)
            {
                // ENOSPC: this block size no longer fits
            }
        }
        return filler;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a leftover empty folder is harmless */ }
    }

    private static string? Probe()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sweep-tmpfs-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var error = Mount(folder, "64k");
            if (error is null) Run("umount", folder);
            return error;
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    private static string? Mount(string folder, string size)
    {
        try
        {
            var (exitCode, output) = Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", folder);
            return exitCode == 0 ? null : output.Trim();
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            return error.Message; // no mount program
        }
    }

    private static (int ExitCode, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
