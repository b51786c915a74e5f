namespace Sweep.Engine.Data;

/// <summary>
/// The folder that holds one subfolder per dataset (e.g. &lt;root&gt;/mnist). First match wins:
/// an explicit --data-dir, then $SWEEP_DATA_DIR, then the per-user cache ($XDG_CACHE_HOME/sweep/datasets,
/// else ~/.cache/sweep/datasets). A cache, not the project tree: datasets are never committed.
/// </summary>
public static class DataRoot
{
    public const string EnvironmentVariable = "SWEEP_DATA_DIR";

    public static string Resolve(string? dataDir = null) => Resolve(dataDir, Environment.GetEnvironmentVariable);

    /// <summary>Same as <see cref="Resolve(string?)"/> with the environment passed in, so tests need not change the process's.</summary>
    public static string Resolve(string? dataDir, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(dataDir)) return Path.GetFullPath(dataDir);
        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        return Path.Combine(SweepCache(environment), "datasets");
    }

    /// <summary>The per-user cache folder of sweep: $XDG_CACHE_HOME/sweep, else ~/.cache/sweep.</summary>
    public static string SweepCache(Func<string, string?> environment)
    {
        var cacheHome = environment("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(cacheHome))
            cacheHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.GetFullPath(Path.Combine(cacheHome, "sweep"));
    }
}
