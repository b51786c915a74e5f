namespace Sweep.Trials;

/// <summary>
/// Lifecycle of a trial: Pending → Running → Completed | Diverged | Failed | Interrupted | Pruned.
/// Completed, Diverged and Pruned are results (never trained again); Failed is retried only on request (--retry-failed);
/// Interrupted (Ctrl-C, a killed process) is not the trial's fault and is simply run again. Pruned: stopped at a rung of
/// the sweep's early_terminate rule, keeping the epochs it trained; reports rank it below every completed trial.
/// </summary>
public enum TrialStatus
{
    Pending,
    Running,
    Completed,
    Diverged,
    Failed,
    Interrupted,
    Pruned,
}
