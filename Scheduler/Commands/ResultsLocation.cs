using Sweep.Results;

namespace Sweep.Scheduler.Commands;

/// <summary>Where the results database is: --results, else $SWEEP_RESULTS, else results.db in the current folder.</summary>
public static class ResultsLocation
{
    public const string EnvironmentVariable = "SWEEP_RESULTS";

    public static string Resolve(string? option)
    {
        var chosen = !string.IsNullOrWhiteSpace(option) ? option
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : "results.db";
        return Path.GetFullPath(chosen);
    }

    /// <summary>Opens a results file that must already exist (for commands that only read).</summary>
    public static ResultsStore OpenExisting(string? option)
    {
        var path = Resolve(option);
        // A folder is left to ResultsStore.Open, which says that it is one.
        if (!File.Exists(path) && !Directory.Exists(path)) throw new UsageException($"{path}: no results file (run a sweep first, or pass --results PATH)");
        return ResultsStore.Open(path);
    }
}
