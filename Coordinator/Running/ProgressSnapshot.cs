using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Coordinator.Running;

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
    /// <summary>Every trial of the sweep as stored at this moment: what the views derive trial events from.</summary>
    public IReadOnlyList<TrialRow> Rows { get; init; } = [];

    /// <summary>The run ended because it was stopped (Ctrl-C, or `sweep stop` from elsewhere), not because every trial ended.</summary>
    public bool Stopped { get; init; }

    /// <summary>Why a run stopped that no signal of its own stopped ("stopped by `sweep stop` at …"); null for Ctrl-C.</summary>
    public string? StoppedBy { get; init; }

    /// <summary>Epochs still to train: all of every waiting trial's, the rest of every running trial's.</summary>
    public int RemainingEpochs => Rows.Sum(row => row.Status switch
    {
        TrialStatus.Pending or TrialStatus.Interrupted => row.Config.Epochs,
        TrialStatus.Running => Math.Max(0, row.Config.Epochs - (row.LatestEpoch ?? 0)),
        _ => 0,
    });

    /// <summary>
    /// Remaining epochs times the wall time per epoch this run has trained so far (workers in parallel included),
    /// so it is known after the first epoch, not after the first trial; trials of equal epochs cost alike.
    /// </summary>
    public TimeSpan? EtaFrom(int epochsTrainedThisRun) => epochsTrainedThisRun == 0 || RemainingThisRun == 0
        ? null
        : TimeSpan.FromSeconds(Elapsed.TotalSeconds / epochsTrainedThisRun * RemainingEpochs);
}
