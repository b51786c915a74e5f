namespace Sweep.Queue;

/// <summary>How many trials this process trains at once, and its worker name. Their threads share the cores (Trials/CoreShares).</summary>
public static class LocalWorkers
{
    /// <summary>Never more trials at once than there is work.</summary>
    public static int Count(int requested, int pendingTrials) => Math.Clamp(requested, 1, Math.Max(1, pendingTrials));

    /// <summary>Recorded with each trial it runs: the machine and the process.</summary>
    public static string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
