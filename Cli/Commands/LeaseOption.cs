using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>
/// `--lease SECONDS` of `sweep worker` and `sweep run`: how long a trial stays its workers' without a renewal (renewed six
/// times per lease), which is also how long Hangfire keeps a fetched job from other workers; so the time before another
/// worker takes over the trial of a killed process.
/// </summary>
public static class LeaseOption
{
    /// <summary>Renewals come every lease / 6: below 6 s they would be more than one a second, a storm on the queue.</summary>
    public const int Minimum = 6;

    /// <summary>A day: longer leases outlast any pause worth waiting for, and a renewal timer of lease / 6 has an upper bound.</summary>
    public const int Maximum = 86_400;

    /// <summary>The lease of <paramref name="seconds"/>, else the default 60 s.</summary>
    public static TimeSpan Length(int? seconds) => seconds is { } given ? TimeSpan.FromSeconds(given) : TrialClaim.DefaultLease;

    /// <summary>Why <paramref name="seconds"/> is refused, or null.</summary>
    public static string? Problem(int? seconds) =>
        seconds < Minimum ? $"--lease must be >= {Minimum} seconds (got {seconds})"
        : seconds > Maximum ? $"--lease must be <= {Maximum} seconds, a day (got {seconds})"
        : null;
}
