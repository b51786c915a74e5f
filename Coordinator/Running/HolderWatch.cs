using System.Globalization;
using Sweep.Trials;

namespace Sweep.Coordinator.Running;

/// <summary>
/// For logs of a run on a shared queue: says who holds each running remote trial when that is first seen or changes,
/// and once when its holder's heartbeat (last lease renewal) gets older than <see cref="SilentAfter"/> — workers renew
/// six times per lease, every 10 s of the default 60 s — until it renews again. A line per event, not per poll. Trials
/// without a holder (every worker local) give no lines.
/// </summary>
public sealed class HolderWatch
{
    /// <summary>Two missed renewals (20 s of a 60 s lease): a worker that is busy but alive renews six times per lease and after each epoch.</summary>
    public static TimeSpan SilentAfter(TimeSpan lease) => 2 * TrialClaim.RenewalPeriod(lease);

    private readonly Dictionary<string, (string Holder, bool Silent)> _seen = new(StringComparer.Ordinal);

    /// <summary>The events since the previous snapshot, as lines without the clock prefix.</summary>
    public IReadOnlyList<string> Advance(ProgressSnapshot snapshot)
    {
        var lines = new List<string>();
        foreach (var trial in snapshot.Running)
        {
            if (trial is not { Holder: { } holder, SinceHeartbeat: { } since }) continue;
            var lease = trial.HolderLease ?? TrialClaim.DefaultLease;
            var hash = TrialHashText.Short(trial.Hash);
            if (!_seen.TryGetValue(trial.Hash, out var before) || before.Holder != holder)
            {
                lines.Add($"held     {hash}  by {holder}, last heartbeat {Seconds(since)} ago");
                before = (holder, false);
            }
            var silent = since > SilentAfter(lease);
            if (silent && !before.Silent)
                lines.Add($"silent   {hash}  {holder}: no heartbeat for {Seconds(since)}; the trial is handed out again when its "
                          + $"{Seconds(lease)} lease lapses");
            _seen[trial.Hash] = (holder, silent);
        }
        // A trial that ended (or was handed back) and runs again later is news again.
        foreach (var gone in _seen.Keys.Except(snapshot.Running.Select(trial => trial.Hash)).ToList()) _seen.Remove(gone);
        return lines;
    }

    /// <summary>"12 s": whole seconds, as heartbeats come every 10 s.</summary>
    public static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{(long)time.TotalSeconds} s");
}
