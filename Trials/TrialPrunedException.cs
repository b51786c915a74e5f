using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>
/// Thrown from a trial's epoch callback when its rung judgement stops it: it ends training at once, before another batch,
/// and tells the runner the trial ended (so its checkpoint is deleted, as for any end) rather than was interrupted.
/// </summary>
public sealed class TrialPrunedException(RungDecision decision, EpochMetrics atRung)
    : Exception($"pruned at epoch {decision.Rung}")
{
    public RungDecision Decision { get; } = decision;

    public EpochMetrics AtRung { get; } = atRung;
}
