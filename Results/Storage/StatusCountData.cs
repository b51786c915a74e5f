namespace Sweep.Results.Storage;

/// <summary>One (sweep, status, count) group as Dapper reads it.</summary>
internal sealed class StatusCountData
{
    public string Sweep { get; set; } = "";
    public string? Status { get; set; }
    public long Count { get; set; }
}
