using System.Collections.Concurrent;
using Sweep.Engine.Training;

namespace Sweep.Coordinator.Running;

/// <summary>
/// How far into its current epoch each trial trained in this process is, as the Engine reports it a few times per
/// epoch. In memory only: the results file records whole epochs; this lets a long (or the only) epoch show it moves.
/// </summary>
public sealed class EpochProgressBoard
{
    private readonly ConcurrentDictionary<string, EpochProgress> _latest = new(StringComparer.Ordinal);

    public void Report(string trialHash, EpochProgress progress) => _latest[trialHash] = progress;

    /// <summary>The progress inside the epoch after <paramref name="epochsDone"/>, if that epoch is under way here.</summary>
    public EpochProgress? Within(string trialHash, int epochsDone) =>
        _latest.TryGetValue(trialHash, out var progress) && progress.Epoch == epochsDone + 1 ? progress : null;
}
