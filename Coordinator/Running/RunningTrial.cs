namespace Sweep.Coordinator.Running;

/// <summary>
/// A trial in progress as the terminal shows it; Epoch is 0 until its first epoch is stored. On a shared queue,
/// <paramref name="Holder"/> is the worker that runs it and <paramref name="SinceHeartbeat"/> the time since that worker
/// last renewed its lease (see <see cref="TrialHeartbeat"/>), whose length is <paramref name="HolderLease"/>; all null where
/// every worker is local.
/// </summary>
public sealed record RunningTrial(string Hash, string Parameters, int Epoch, int Epochs, double ValAcc,
    string? Holder = null, TimeSpan? SinceHeartbeat = null, TimeSpan? HolderLease = null);
