using System.Diagnostics;
using Sweep.Engine.Data;
using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>
/// Runs a trial on the Engine with the dataset from this machine's data root (loaded once per process). A worker on
/// another machine fetches a named dataset that its cache lacks; either way the data must give the trial the hash the
/// coordinator planned it with, or the trial fails naming both checksums.
/// </summary>
/// <param name="onProgress">Progress inside an epoch (trial hash, progress), for a view in this process.</param>
/// <param name="fetchProgress">Where a fetch of a missing dataset reports, so a worker's log says what it fetched.</param>
public sealed class EngineTrialRunner(string? dataDir, int threads, bool fetchIfMissing = false,
    Action<string, EpochProgress>? onProgress = null, IProgress<FetchProgress>? fetchProgress = null) : ITrialRunner
{
    public TrialOutcome Run(string trialHash, TrialConfig config, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var data = Load(config, cancellation);
        var localHash = config.Hash(data.Checksum);
        if (localHash != trialHash)
        {
            return TrialOutcome.Failed(
                $"dataset '{config.Dataset}' on this worker (sha256 {data.Checksum[..12]}…) is not the data the trial was " +
                $"planned with: trial {trialHash[..12]} but this worker computes {localHash[..12]}", clock.Elapsed.TotalSeconds);
        }
        return TrialOutcome.From(Trainer.Train(data, config.ToOptions(threads), onEpoch, cancellation,
            onProgress is null ? null : progress => onProgress(trialHash, progress)));
    }

    private DataSplits Load(TrialConfig config, CancellationToken cancellation)
    {
        try
        {
            return DatasetCatalog.Load(config.Dataset, dataDir, config.ValidationSize);
        }
        catch (DataFormatException) when (fetchIfMissing && DatasetCatalog.IsKnownName(config.Dataset))
        {
            // Fetching verifies every file's SHA-256 and installs all or nothing; a corrupt cache is not "missing"
            // and fails again below with the loader's own message.
            new DatasetFetcher().FetchAsync(config.Dataset, dataDir, progress: fetchProgress, cancellationToken: cancellation).GetAwaiter().GetResult();
            return DatasetCatalog.Load(config.Dataset, dataDir, config.ValidationSize);
        }
    }
}
