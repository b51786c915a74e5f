using System.Globalization;

namespace Sweep.Trials;

/// <summary>
/// A length of time given in seconds by an environment variable: the test hooks that shorten a wait
/// ($SWEEP_RESULTS_LOCK_WAIT, $SWEEP_QUEUE_CONNECT_WAIT). A hook, not user input: a value that is not a number of
/// seconds ≥ 0 is ignored rather than reported, and the default applies.
/// </summary>
public static class EnvironmentSeconds
{
    public static TimeSpan Read(string variable, TimeSpan fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
        && seconds >= 0 && double.IsFinite(seconds)
            ? TimeSpan.FromSeconds(seconds)
            : fallback;
}
