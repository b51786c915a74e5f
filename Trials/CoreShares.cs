using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>
/// Shares a process's cores among the trials it trains at once, so that none stays idle while a trial runs: each
/// running trial holds cores / running threads, and the first cores % running trials to start one more. When a trial
/// ends, the others take its cores at their next batch (work-conserving: the tail of a sweep, with fewer trials left
/// than workers, still uses every core). <see cref="Fixed"/> gives every trial the same count whatever runs beside it
/// (`--threads N`).
/// </summary>
public sealed class CoreShares
{
    private readonly int _cores;
    private readonly bool _fixed;
    private readonly List<ThreadShare> _running = [];

    /// <param name="cores">The cores to share, at least 1.</param>
    public CoreShares(int cores) : this(cores, isFixed: false) { }

    private CoreShares(int cores, bool isFixed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cores, 1);
        (_cores, _fixed) = (cores, isFixed);
    }

    /// <summary>Every trial gets <paramref name="threads"/>, however many run.</summary>
    public static CoreShares Fixed(int threads) => new(threads, isFixed: true);

    /// <summary>The cores shared, or the fixed count.</summary>
    public int Cores => _cores;

    /// <summary>A share for a trial that starts now (others' shares shrink at their next batch); dispose it when the trial ends.</summary>
    public Lease Join()
    {
        var share = new ThreadShare(_cores);
        if (_fixed) return new Lease(this, share);
        lock (_running)
        {
            _running.Add(share);
            Rebalance();
        }
        return new Lease(this, share);
    }

    private void Leave(ThreadShare share)
    {
        if (_fixed) return;
        lock (_running)
        {
            _running.Remove(share);
            Rebalance();
        }
    }

    /// <summary>Earlier trials get the remainder: they are further along, so their extra core helps the sweep end sooner.</summary>
    private void Rebalance()
    {
        var count = _running.Count;
        for (var i = 0; i < count; i++) _running[i].Threads = Math.Max(1, _cores / count + (i < _cores % count ? 1 : 0));
    }

    /// <summary>One trial's place among the running ones.</summary>
    public sealed class Lease(CoreShares owner, ThreadShare share) : IDisposable
    {
        private int _disposed;

        public ThreadShare Share { get; } = share;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Leave(Share);
        }
    }
}
