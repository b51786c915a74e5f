namespace Sweep.Engine.Data;

/// <summary>A local folder holding the files, each raw or .gz (a copy of the data, a USB stick, an unpacked package).</summary>
public sealed class FolderSource(string folder) : IDataSource
{
    private readonly string _folder = Path.GetFullPath(folder);

    public string Description => $"folder {_folder}";

    public Task<SourceFile> OpenAsync(string name, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_folder))
            throw new DirectoryNotFoundException("folder not found"); // the description already names it
        var path = MnistFiles.Locate(_folder, name)
            ?? throw new FileNotFoundException($"holds neither {name} nor {name}{MnistFiles.GzipSuffix}");
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Task.FromResult(new SourceFile(stream, stream.Length));
    }

    public void Dispose() { }
}
