using System.Collections.Concurrent;
using Sweep.Engine.Data;
using Sweep.Engine.Training;
using Sweep.Queue;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>
/// A worker's trial runner that says on stderr, before the first trial of each dataset, what it is about to do with
/// the data: fetch it (the cache lacks it) or load and checksum it. Either can take a while on a new machine, and a
/// worker that is silent then looks hung. The fetch's own progress lines come from the runner's fetch progress.
/// </summary>
public sealed class DatasetFirstUseLog(ITrialRunner inner, string? dataDir, TextWriter log) : ITrialRunner
{
    private readonly ConcurrentDictionary<string, bool> _announced = new(StringComparer.Ordinal);

    public TrialOutcome Run(string trialHash, TrialConfig config, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
    {
        if (_announced.TryAdd(config.Dataset, true)) log.WriteLine(Announcement(config.Dataset, trialHash));
        return inner.Run(trialHash, config, onEpoch, cancellation);
    }

    private string Announcement(string dataset, string trialHash)
    {
        var prefix = $"sweep worker {LocalWorkers.Name}: trial {TrialHashText.Short(trialHash)} needs {dataset}";
        if (!DatasetCatalog.IsKnownName(dataset)) return $"{prefix}: loading it from {dataset} and checking its checksum";
        var folder = DatasetCatalog.ResolveFolder(dataset, dataDir);
        return DatasetCatalog.MissingFiles(folder).Count > 0
            ? $"{prefix}: not in {folder} yet, fetching and verifying it first"
            : $"{prefix}: loading it from {folder} and checking its checksum";
    }
}
