namespace Sweep.Engine.Data;

/// <summary>One file's bytes as a source delivers them (raw or gzip), with their length when known, for progress.</summary>
public sealed class SourceFile(Stream content, long? length, IDisposable? owner = null) : IDisposable
{
    public Stream Content { get; } = content;
    public long? Length { get; } = length;

    public void Dispose()
    {
        Content.Dispose();
        owner?.Dispose(); // e.g. the HTTP response the stream belongs to
    }
}
