using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Coordinator.Running;

/// <summary>A worker's trial runner that logs each trial it starts with its configuration (see <see cref="WorkerActivity"/>).</summary>
public sealed class LoggedTrialRunner(ITrialRunner inner, WorkerActivity activity) : ITrialRunner
{
    public TrialOutcome Run(string trialHash, TrialConfig config, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
    {
        activity.Started(trialHash, config);
        return inner.Run(trialHash, config, onEpoch, cancellation);
    }
}
