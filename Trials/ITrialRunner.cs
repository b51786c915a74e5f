using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>Trains one trial. The Engine does the real work; benchmarks of the scheduler plug in a runner that does none.</summary>
public interface ITrialRunner
{
    /// <param name="trialHash">The identity the coordinator computed; a runner whose data gives another hash must fail.</param>
    TrialOutcome Run(string trialHash, TrialConfig config, Action<EpochMetrics> onEpoch, CancellationToken cancellation);
}
