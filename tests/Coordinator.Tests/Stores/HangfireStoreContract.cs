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
}
