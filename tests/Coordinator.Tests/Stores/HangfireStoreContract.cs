using Hangfire;
using Sweep.Queue;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.Stores;

/// <summary>The store contract on a Hangfire storage: each store object is a worker process sharing the queue.</summary>
public abstract class HangfireStoreContract : TrialStoreContract
{
    protected abstract JobStorage Storage { get; }

    protected override ITrialStore Open(TimeSpan? lease = null) => new HangfireTrialStore(Storage, TimeSpan.FromSeconds(5), lease);

    protected override (int Attempt, string? Worker, TrialStatus? Outcome, double? ValAcc) Stored(string trialHash)
    {
        var state = new HangfireTrialStore(Storage).Read(trialHash);
        return (state.Attempt, state.Worker, state.Outcome?.Status, state.Outcome?.ValAcc);
    }

    [Fact]
    public void AClaimUnderAWorkersOwnLease_ShowsTheCoordinatorItsLength_SoTheHeartbeatIsTheClaimItself()
    {
        var lease = TimeSpan.FromSeconds(12); // a `sweep worker --lease 12`
        var before = DateTime.UtcNow;
        Open(lease).TryClaim(Trials[0].Hash, "w1");
        Open().TryClaim(Trials[1].Hash, "w2");
        var coordinator = new HangfireTrialStore(Storage);

        var shortLease = TrialHeartbeatOf(coordinator.Read(Trials[0].Hash));
        var defaultLease = TrialHeartbeatOf(coordinator.Read(Trials[1].Hash));

        Assert.Equal(lease, coordinator.Read(Trials[0].Hash).Lease);
        Assert.Equal((lease, TrialClaim.DefaultLease), (shortLease.Lease, defaultLease.Lease));
        // Renewed when claimed (the stamps keep milliseconds), not a lease-length earlier.
        Assert.InRange(shortLease.RenewedAt, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        Assert.InRange(defaultLease.RenewedAt, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
    }

    private static Sweep.Coordinator.Running.TrialHeartbeat TrialHeartbeatOf(RemoteTrialState state) =>
        Sweep.Coordinator.Running.TrialHeartbeat.Of(state) ?? throw new InvalidOperationException("no heartbeat");

    [Fact]
    public void Stop_InterruptsTheRunningAttempt_RefusesItsRenewal_AndNoDeliveryClaimsIt_UntilResume()
    {
        var worker = Open();
        var claim = worker.TryClaim(Trials[0].Hash, "w1")!;
        var coordinator = new HangfireTrialStore(Storage);

        Assert.True(coordinator.Stop(Trials[0].Hash));

        Assert.False(worker.Renew(claim));
        Assert.False(worker.RecordOutcome(claim, TrialOutcome.Interrupted(1)));
        var (attempt, _, outcome, _) = Stored(Trials[0].Hash);
        Assert.Equal((1, TrialStatus.Interrupted), (attempt, outcome));
        Assert.Null(Open().TryClaim(Trials[0].Hash, "w2"));
        coordinator.Resume(Trials[0].Hash);
        Assert.Equal(2, Open().TryClaim(Trials[0].Hash, "w2")?.Attempt);
    }

    [Fact]
    public void Stop_OfATrialNobodyStarted_InterruptsNothing_AndKeepsItFromBeingClaimed()
    {
        var coordinator = new HangfireTrialStore(Storage);

        Assert.False(coordinator.Stop(Trials[1].Hash));

        Assert.True(coordinator.Read(Trials[1].Hash).Stopped);
        Assert.Null(Open().TryClaim(Trials[1].Hash, "w1"));
        coordinator.Resume(Trials[1].Hash);
        Assert.Equal(1, Open().TryClaim(Trials[1].Hash, "w1")?.Attempt);
    }
}
