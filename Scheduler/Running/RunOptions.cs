namespace Sweep.Scheduler.Running;

/// <summary>How a sweep runs here: trials at once, the cores they share, and whether failed trials are run again.</summary>
public sealed record RunOptions(int Workers, int Cores, bool RetryFailed);
