namespace Sweep.Results.Exports;

/// <summary>
/// `sweep export --epochs`: a row per stored epoch of a sweep's trials (each trial's latest attempt), in sweep order
/// then by epoch: the sweep, the trial hash, the epoch, its per-epoch metrics (train_loss, val_loss, val_acc as a
/// fraction) and its duration in seconds. A figure the epoch did not reach is missing (null).
/// </summary>
public static class EpochExport
{
    public static IReadOnlyList<string> Columns { get; } = ["sweep", "hash", "epoch", "train_loss", "val_loss", "val_acc", "seconds"];

    public static ExportTable Build(string sweep, IReadOnlyList<SweepEpoch> epochs)
    {
        var table = new ExportTable(Columns);
        foreach (var (hash, metrics) in epochs)
            table.Add(sweep, hash, metrics.Epoch, metrics.TrainLoss, metrics.ValLoss, metrics.ValAcc, metrics.Seconds);
        return table;
    }
}
