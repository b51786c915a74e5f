namespace Sweep.Results.Storage;

/// <summary>What Dapper reads for the part of a <see cref="TrialDetail"/> beyond its TrialRow (settable properties, as <see cref="TrialRowData"/> explains).</summary>
internal sealed class TrialDetailData
{
    public string Hash { get; set; } = "";
    public string? Code { get; set; }
    public long? ResultsSeen { get; set; }
    public long RungDecisions { get; set; }
    public long? PrunedAt { get; set; }
    public double? PrunedValue { get; set; }
    public double? PrunedThreshold { get; set; }
    public long? PrunedAmong { get; set; }
}
