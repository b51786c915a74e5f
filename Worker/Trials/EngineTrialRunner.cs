using System.Diagnostics;
using Sweep.Engine.Data;
using Sweep.Engine.Training;

namespace Sweep.Worker.Trials;

/// <summary>Runs a trial on the Engine with the dataset from this machine's data root (loaded once per process).</summary>
public sealed class EngineTrialRunner(string? dataDir, int threads) : ITrialRunner
{
    public TrialOutcome Run(string trialHash, TrialConfig config, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var data = DatasetCatalog.Load(config.Dataset, dataDir, config.ValidationSize);
        var localHash = config.Hash(data.Checksum);
        if (localHash != trialHash)
        {
            return TrialOutcome.Failed(
                $"dataset '{config.Dataset}' on this worker (sha256 {data.Checksum[..12]}…) is not the data the trial was " +
                $"planned with: trial {trialHash[..12]} but this worker computes {localHash[..12]}", clock.Elapsed.TotalSeconds);
        }
        return TrialOutcome.From(Trainer.Train(data, config.ToOptions(threads), onEpoch, cancellation));
    }
}
