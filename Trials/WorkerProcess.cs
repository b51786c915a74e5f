using System.Diagnostics;
using System.Globalization;

namespace Sweep.Trials;

/// <summary>
/// Reads a worker name ("host:pid", as every worker records itself) to tell whether its process is gone: a lease held
/// by a dead process of this host will never be renewed, so it need not be waited out. A worker of another host, or a
/// name of another shape, is never judged dead here (only its lease's expiry tells).
/// </summary>
public static class WorkerProcess
{
    public static bool IsDeadOnThisHost(string? worker)
    {
        if (worker is null) return false;
        var colon = worker.LastIndexOf(':');
        if (colon <= 0 || worker[..colon] != Environment.MachineName) return false;
        if (!int.TryParse(worker[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no process has that id
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
