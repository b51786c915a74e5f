namespace Sweep.Queue;

/// <summary>How many trials this process trains at once, with how many Engine threads each, and its worker name.</summary>
public static class LocalWorkers
{
    /// <summary>Never more trials at once than there is work, and never more Engine threads in all than cores.</summary>
    public static (int Workers, int ThreadsPerTrial) Size(int requested, int cores, int pendingTrials)
    {
        var workers = Math.Clamp(requested, 1, Math.Max(1, pendingTrials));
        return (workers, ThreadsPerTrial(workers, cores));
    }

    /// <summary>The cores shared evenly among the trials that run at once, at least one thread each.</summary>
    public static int ThreadsPerTrial(int workers, int cores) => Math.Max(1, cores / workers);

    /// <summary>Recorded with each trial it runs: the machine and the process.</summary>
    public static string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
