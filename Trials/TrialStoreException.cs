namespace Sweep.Trials;

/// <summary>
/// The trial store failed (a full disk, a lock held by another program, an unreachable database): infrastructure, not
/// the trial. <see cref="TrialJob"/> never records it as the trial's outcome; it ends the job and leaves the trial to
/// run again. Thrown by a store only once its own retries are spent.
/// </summary>
public class TrialStoreException(string message, Exception? innerException = null) : IOException(message, innerException);
