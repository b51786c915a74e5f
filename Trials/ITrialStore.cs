using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>
/// Where a trial's attempts, epochs and outcome are kept. Implementations make the queue's at-least-once delivery
/// exactly-once for results: a claim succeeds only for a trial that is Pending, and an outcome is stored only for the
/// current claim, so a duplicate delivery neither trains again nor writes a second result.
/// </summary>
public interface ITrialStore
{
    /// <summary>Marks the trial Running for a new attempt, or returns null when it has a result or is running elsewhere.</summary>
    TrialClaim? TryClaim(string trialHash, string worker);

    void RecordEpoch(TrialClaim claim, EpochMetrics epoch);

    /// <summary>Stores the outcome of the claim's attempt; returns false (and stores nothing) if the claim is stale.</summary>
    bool RecordOutcome(TrialClaim claim, TrialOutcome outcome);
}
