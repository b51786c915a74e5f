using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Cli.Benchmarks;

/// <summary>A trial runner that trains nothing: what is left of a trial's wall time is the scheduler's overhead.</summary>
public sealed class ZeroWorkTrialRunner : ITrialRunner
{
    public TrialOutcome Run(string trialHash, TrialConfig config, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
    {
        onEpoch(new EpochMetrics(1, 0, 0, 1, 0)); // one epoch row, as a real trial stores
        return new TrialOutcome(TrialStatus.Completed, null, 0, 0, 1, 0, 1, 0, 1);
    }
}
