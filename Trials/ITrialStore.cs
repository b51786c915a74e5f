using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>
/// Where a trial's attempts, epochs and outcome are kept. Implementations make the queue's at-least-once delivery
/// exactly-once for results: a claim is a lease that its holder renews; a claim succeeds only for a trial that is Pending
/// or whose holder's lease has expired, and epochs and the outcome are stored only for the current claim (attempt and
/// owner), so a duplicate delivery neither trains again nor writes a second result, and a stale holder writes nothing.
/// </summary>
public interface ITrialStore
{
    /// <summary>
    /// Marks the trial Running for a new attempt under a fresh lease, or returns null when it has a result or another
    /// claim's lease on it is still live. Taking over an expired lease makes the old claim stale.
    /// </summary>
    TrialClaim? TryClaim(string trialHash, string worker);

    /// <summary>Extends the claim's lease; false (and nothing changed) when the claim is no longer current.</summary>
    bool Renew(TrialClaim claim);

    /// <summary>Hands the trial back (a stopped worker): Pending again, without an outcome, claimable at once. No-op for a stale claim.</summary>
    void Release(TrialClaim claim);

    /// <summary>
    /// Stores the epoch of the claim's attempt and extends its lease, as one step (one lock, one transaction): a job
    /// needs no separate renewal per epoch. Returns false (and stores nothing) when the claim is stale.
    /// </summary>
    bool RecordEpoch(TrialClaim claim, EpochMetrics epoch);

    /// <summary>
    /// Judges the claim's trial at a rung of <paramref name="plan"/>: records its <paramref name="value"/> there where every
    /// worker sees it, compares it with the values the sweep's other trials reached at that epoch, and records the
    /// decision. Null (and nothing recorded) when the claim is stale.
    /// </summary>
    RungDecision? JudgeRung(TrialClaim claim, PruningPlan plan, int epoch, double value);

    /// <summary>Stores the outcome of the claim's attempt; returns false (and stores nothing) if the claim is stale.</summary>
    bool RecordOutcome(TrialClaim claim, TrialOutcome outcome);

    /// <summary>
    /// Notes that <paramref name="worker"/>, running code <paramref name="code"/>, refused the trial's job because the
    /// job was queued by other code (see <see cref="CodeFingerprint"/>); the trial itself is unchanged.
    /// </summary>
    void RecordRefusal(string trialHash, string worker, string code);
}
