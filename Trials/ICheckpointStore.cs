namespace Sweep.Trials;

/// <summary>
/// Where a trial's latest training checkpoint is kept between attempts, reachable by every worker that may take the
/// trial over: a folder beside the results file (<see cref="FolderCheckpointStore"/>) or the queue's database. The bytes
/// are opaque here (the Engine's format carries its own version and checksum). A save replaces the previous checkpoint
/// whole or not at all. Two holders of one trial (a stale lease) save the same bytes, since training is deterministic.
/// Failures are <see cref="TrialStoreException"/>s: infrastructure, never the trial's outcome.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>The trial's checkpoint, or null when there is none.</summary>
    byte[]? Load(string trialHash);

    void Save(string trialHash, byte[] checkpoint);

    /// <summary>Removes the trial's checkpoint; no-op when there is none.</summary>
    void Delete(string trialHash);
}
