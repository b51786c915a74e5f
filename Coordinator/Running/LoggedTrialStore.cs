using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Coordinator.Running;

/// <summary>A worker's trial store that tells <see cref="WorkerActivity"/> of each claim (with its attempt) and outcome.</summary>
public sealed class LoggedTrialStore(ITrialStore inner, WorkerActivity activity) : ITrialStore
{
    public TrialClaim? TryClaim(string trialHash, string worker)
    {
        var claim = inner.TryClaim(trialHash, worker);
        if (claim is not null) activity.Claimed(claim);
        return claim;
    }

    public bool Renew(TrialClaim claim) => inner.Renew(claim);

    public void Release(TrialClaim claim) => inner.Release(claim);

    public bool RecordEpoch(TrialClaim claim, EpochMetrics epoch) => inner.RecordEpoch(claim, epoch);

    public RungDecision? JudgeRung(TrialClaim claim, PruningPlan plan, int epoch, double value) => inner.JudgeRung(claim, plan, epoch, value);

    public void RecordRefusal(string trialHash, string worker, string code) => inner.RecordRefusal(trialHash, worker, code);

    public bool RecordOutcome(TrialClaim claim, TrialOutcome outcome)
    {
        var stored = inner.RecordOutcome(claim, outcome);
        activity.Recorded(claim, outcome, stored);
        return stored;
    }
}
