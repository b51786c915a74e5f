namespace Sweep.Engine.Training;

/// <summary>
/// The threads one training run may use, which its owner may change while it runs: <see cref="Trainer"/> reads it
/// before every batch, so a trial takes the cores another trial freed at its next batch. Results do not depend on it
/// (every kernel is bit-identical for any thread count), only the time does.
/// </summary>
public sealed class ThreadShare
{
    private volatile int _threads;

    public ThreadShare(int threads) => Threads = threads;

    public int Threads
    {
        get => _threads;
        set => _threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "threads must be >= 1");
    }
}
