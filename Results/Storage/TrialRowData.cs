namespace Sweep.Results.Storage;

/// <summary>
/// What Dapper reads for a TrialRow. Settable properties, not a record: Dapper converts SQLite's Int64 and Double
/// only when it sets properties, while constructor mapping demands exact types.
/// </summary>
internal sealed class TrialRowData
{
    public long Position { get; set; }
    public string Hash { get; set; } = "";
    public string ConfigJson { get; set; } = "";
    public string Status { get; set; } = "";
    public string? Error { get; set; }
    public string? Worker { get; set; }
    public long Attempt { get; set; }
    public string? StartedAt { get; set; }
    public string? FinishedAt { get; set; }
    public double? Seconds { get; set; }
    public long? EpochsDone { get; set; }
    public double? TrainLoss { get; set; }
    public double? ValLoss { get; set; }
    public double? ValAcc { get; set; }
    public double? TestLoss { get; set; }
    public double? TestAcc { get; set; }
    public long? LatestEpoch { get; set; }
    public double? LatestTrainLoss { get; set; }
    public double? LatestValLoss { get; set; }
    public double? LatestValAcc { get; set; }
    public string? Code { get; set; }
}
