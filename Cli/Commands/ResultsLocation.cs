using Sweep.Results;
using Sweep.Coordinator.SweepFiles;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>Where the results database is: --results, else $SWEEP_RESULTS, else results.db in the current folder.</summary>
public static class ResultsLocation
{
    public const string EnvironmentVariable = "SWEEP_RESULTS";

    public static string Resolve(string? option)
    {
        var chosen = !string.IsNullOrWhiteSpace(option) ? option
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : "results.db";
        var path = Path.GetFullPath(chosen);
        // SQLite would open a FIFO and wait for a writer forever, or fail on a device with a message naming neither.
        // A folder is left to ResultsStore.Open, which says that it is one.
        if (FileKind.Describe(path) is { } kind && kind != "a folder")
            throw new UsageException($"{path}: is {kind}, not a results file; pass the path of a results.db (new or from a sweep)");
        return path;
    }

    /// <summary>Opens a results file that must already exist (for commands that only read).</summary>
    public static ResultsStore OpenExisting(string? option)
    {
        var path = Resolve(option);
        if (!File.Exists(path) && !Directory.Exists(path)) throw new UsageException($"{path}: no results file (run a sweep first, or pass --results PATH)");
        return ResultsStore.Open(path);
    }
}
