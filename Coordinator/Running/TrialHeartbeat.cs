using Sweep.Trials;

namespace Sweep.Coordinator.Running;

/// <summary>
/// Who holds a trial on a shared queue, when it last renewed its lease (UTC) and how long that lease is, as its queue
/// storage last showed it. The queue keeps the lease's end and length, so the renewal is that end less the length (the
/// worker's `--lease`, else <see cref="TrialClaim.DefaultLease"/>), on the worker's clock: a worker whose clock is off
/// shows a heartbeat that much older or younger.
/// </summary>
public sealed record TrialHeartbeat(string Worker, DateTime RenewedAt, TimeSpan Lease)
{
    public static TrialHeartbeat? Of(RemoteTrialState state) =>
        state is { Attempt: > 0, Outcome: null, Worker: { } worker, LeaseExpires: { } expires }
            ? new TrialHeartbeat(worker, expires - (state.Lease ?? TrialClaim.DefaultLease), state.Lease ?? TrialClaim.DefaultLease)
            : null;

    /// <summary>Time since the last renewal at <paramref name="now"/>; never negative (clocks differ a little).</summary>
    public TimeSpan Since(DateTime now) => now > RenewedAt ? now - RenewedAt : TimeSpan.Zero;
}
