namespace Sweep.Trials;

/// <summary>
/// Lifecycle of a trial: Pending → Running → Completed | Diverged | Failed | Interrupted.
/// Completed and Diverged are results (never trained again); Failed is retried only on request (--retry-failed);
/// Interrupted (Ctrl-C, a killed process) is not the trial's fault and is simply run again.
/// </summary>
public enum TrialStatus
{
    Pending,
    Running,
    Completed,
    Diverged,
    Failed,
    Interrupted,
}
