namespace Sweep.Engine.Data;

/// <summary>Where a fetched dataset lives, its verified files and dataset checksum, and the source used (null if nothing was fetched).</summary>
public sealed record FetchResult(string Name, string Folder, IReadOnlyList<FetchedFile> Files, string Checksum, string? Source);
