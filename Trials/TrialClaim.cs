namespace Sweep.Trials;

/// <summary>
/// One attempt's hold on a trial: only the holder of the current claim may renew its lease and record epochs and the
/// outcome. <paramref name="Worker"/> is who runs it (host:pid, shown to users); <paramref name="Owner"/> is a token unique
/// to this claim, so two claims never look alike even when a worker name repeats (a pid reused in a container).
/// </summary>
public sealed record TrialClaim(string TrialHash, int Attempt, string Worker, string Owner)
{
    /// <summary>How long a claim holds its trial without a renewal, on every store; jobs renew well inside it.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(60);

    /// <summary>How often a job renews a lease of <paramref name="lease"/>: six times per lease (every 10 s of 60 s).</summary>
    public static TimeSpan RenewalPeriod(TimeSpan lease) => lease / 6;

    /// <summary>A fresh owner token for a new claim.</summary>
    public static string NewOwner() => Guid.NewGuid().ToString("N");
}
