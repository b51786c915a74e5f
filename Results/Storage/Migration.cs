namespace Sweep.Results.Storage;

/// <summary>One numbered step of the schema. Steps are applied in order, each once, and never edited once shipped.</summary>
public sealed record Migration(int Version, string Description, string Sql);
