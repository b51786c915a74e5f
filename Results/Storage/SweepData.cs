namespace Sweep.Results.Storage;

/// <summary>A sweeps row as Dapper reads it.</summary>
internal sealed class SweepData
{
    public string Name { get; set; } = "";
    public string? SourceFile { get; set; }
    public string Method { get; set; } = "";
    public string Metric { get; set; } = "";
    public string Goal { get; set; } = "";
    public string DefinitionJson { get; set; } = "";
    public string UpdatedAt { get; set; } = "";
}
