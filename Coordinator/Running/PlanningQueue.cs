using Sweep.Trials;

namespace Sweep.Coordinator.Running;

/// <summary>
/// A run's queue with the sweep's trial plan (early termination, keeping models) put on every trial it enqueues, so no
/// path that enqueues (first enqueue, a take-over, a search's proposals) can forget it.
/// </summary>
public sealed class PlanningQueue(ITrialQueue inner, TrialPlan? plan) : ITrialQueue
{
    private readonly string? _plan = plan?.ToJson();

    public bool AllWorkersLocal => inner.AllWorkersLocal;

    public int Workers => inner.Workers;

    public long Outstanding => inner.Outstanding;

    public IReadOnlyDictionary<string, TrialHeartbeat> Heartbeats => inner.Heartbeats;

    public bool StopRequested => inner.StopRequested;

    public void Enqueue(IReadOnlyList<PendingTrial> trials) =>
        inner.Enqueue(_plan is null ? trials : trials.Select(trial => trial with { Plan = _plan }).ToList());

    public void Collect(IEnumerable<string> trialHashes) => inner.Collect(trialHashes);

    public void RequestStop() => inner.RequestStop();

    public void Dispose() => inner.Dispose();
}
