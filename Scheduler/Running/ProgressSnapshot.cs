namespace Sweep.Scheduler.Running;

/// <summary>
/// What the terminal shows at one moment of a run. Done counts results (completed or diverged); FinishedThisRun
/// counts trials this process finished, which is what the ETA is based on.
/// </summary>
public sealed record ProgressSnapshot(
    string Sweep,
    int Total,
    int Done,
    int Failed,
    int Pending,
    IReadOnlyList<RunningTrial> Running,
    string? Best,
    int FinishedThisRun,
    int RemainingThisRun,
    TimeSpan Elapsed)
{
    /// <summary>Remaining trials times the mean wall time per finished trial so far; unknown before the first one.</summary>
    public TimeSpan? Eta => FinishedThisRun == 0
        ? null
        : TimeSpan.FromSeconds(Elapsed.TotalSeconds / FinishedThisRun * RemainingThisRun);
}
