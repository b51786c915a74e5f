namespace Sweep.Engine.Data;

/// <summary>A verified file in the cache: its uncompressed SHA-256, and whether it was there before this fetch.</summary>
public sealed record FetchedFile(string Name, string Path, string Sha256, bool WasAlreadyPresent);
