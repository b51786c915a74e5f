using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Trials;

/// <summary>
/// What remote workers have reported for one trial, as kept in the queue's storage: the current attempt, its epochs
/// so far, its outcome once it has one, and when the running attempt's lease ends (UTC; null: no lease). The coordinator
/// copies it into the results file. <paramref name="StartedAt"/> and <paramref name="FinishedAt"/> are the attempt's, on
/// the worker's clock; <paramref name="Code"/> is the fingerprint of the code that computed the outcome;
/// <paramref name="Refusals"/> maps each worker that refused the job (queued by other code) to its own fingerprint.
/// </summary>
public sealed record RemoteTrialState(string? Worker, int Attempt, IReadOnlyList<EpochMetrics> Epochs, TrialOutcome? Outcome, string? JobId,
    DateTime? LeaseExpires = null, DateTime? StartedAt = null, DateTime? FinishedAt = null, string? Code = null,
    IReadOnlyDictionary<string, string>? Refusals = null)
{
    /// <summary>The outcome is a result (completed or diverged): no run trains it again, unless --retry-failed asks for a diverged one.</summary>
    public bool HasResult => Outcome?.Status.IsResult() == true;

    /// <summary>The attempt's rung decisions (early termination), in rung order.</summary>
    public IReadOnlyList<RecordedDecision> Decisions { get; init; } = [];

    /// <summary>The running attempt's lease length, as its worker holds it (`sweep worker --lease`); null: the default.</summary>
    public TimeSpan? Lease { get; init; }

    /// <summary>The sweep was stopped (`sweep stop`, a coordinator's Ctrl-C): no worker claims the trial until a run resumes it.</summary>
    public bool Stopped { get; init; }
}
