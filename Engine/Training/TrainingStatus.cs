namespace Sweep.Engine.Training;

/// <summary>How a training run ended. Divergence is an outcome, not an error.</summary>
public enum TrainingStatus
{
    Completed,

    /// <summary>The loss became NaN or infinite; training stopped at that batch.</summary>
    Diverged,

    /// <summary>The cancellation token fired; metrics cover the epochs finished before it.</summary>
    Cancelled,
}
