namespace Sweep.Results.Storage;

/// <summary>What Dapper reads for an epoch row (settable properties, as <see cref="TrialRowData"/> explains); Hash only for a sweep's epochs.</summary>
internal sealed class EpochData
{
    public string Hash { get; set; } = "";
    public long Epoch { get; set; }
    public double? TrainLoss { get; set; }
    public double? ValLoss { get; set; }
    public double? ValAcc { get; set; }
    public double? Seconds { get; set; }
}
