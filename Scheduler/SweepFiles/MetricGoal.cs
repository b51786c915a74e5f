namespace Sweep.Scheduler.SweepFiles;

/// <summary>Whether a larger or a smaller metric is better.</summary>
public enum MetricGoal
{
    Maximize,
    Minimize,
}
