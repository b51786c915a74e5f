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
}
