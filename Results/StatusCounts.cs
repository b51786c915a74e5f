using Sweep.Trials;

namespace Sweep.Results;

/// <summary>How many of a sweep's trials are in each state.</summary>
public sealed record StatusCounts(int Pending, int Running, int Completed, int Diverged, int Failed, int Interrupted, int Pruned = 0)
{
    public static StatusCounts Empty { get; } = new(0, 0, 0, 0, 0, 0);

    public int Total => Pending + Running + Completed + Diverged + Failed + Interrupted + Pruned;

    public int this[TrialStatus status] => status switch
    {
        TrialStatus.Pending => Pending,
        TrialStatus.Running => Running,
        TrialStatus.Completed => Completed,
        TrialStatus.Diverged => Diverged,
        TrialStatus.Failed => Failed,
        TrialStatus.Interrupted => Interrupted,
        TrialStatus.Pruned => Pruned,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown trial status"),
    };

    public StatusCounts Add(TrialStatus status, int count) => status switch
    {
        TrialStatus.Pending => this with { Pending = Pending + count },
        TrialStatus.Running => this with { Running = Running + count },
        TrialStatus.Completed => this with { Completed = Completed + count },
        TrialStatus.Diverged => this with { Diverged = Diverged + count },
        TrialStatus.Failed => this with { Failed = Failed + count },
        TrialStatus.Interrupted => this with { Interrupted = Interrupted + count },
        TrialStatus.Pruned => this with { Pruned = Pruned + count },
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown trial status"),
    };
}
