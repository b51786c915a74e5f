using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Sweep.Engine.Parallelism;

/// <summary>
/// Fork/join for the short parallel regions of one training step (GEMMs of ~20–150 µs, element-wise passes of a few µs),
/// where Parallel.For's task scheduling costs more than the work. Each thread that calls <see cref="For{TWork}"/> owns
/// a pool (thread-static): its persistent workers run the other ranges while the caller runs the first, so concurrent
/// trials never share or wait on each other's workers. A fork is one store and a counter bump that spinning workers
/// see within a fraction of a microsecond; a worker that found no work for <see cref="SpinMicroseconds"/> blocks, and
/// one idle for <see cref="IdleExitMilliseconds"/> exits (a pool is rebuilt on its next use), so a finished trial
/// leaves no thread behind.
/// <para>
/// N cores: work of <c>count</c> units is cut into min(threads, count) contiguous ranges of near-equal size. Ranges are
/// claimed, not assigned: the caller runs range 0, then any range no worker has claimed yet, so a worker descheduled
/// on a busy machine delays nothing (the region just runs on fewer threads). Bits never depend on the thread count
/// because every kernel computes each unit wholly on one thread and reductions combine per-unit values in unit order
/// (<see cref="IRangeWork"/>); callers choose threads with <see cref="ThreadsFor"/> so that small passes stay inline.
/// </para>
/// <para>
/// What limits it: (1) units per region — a batch of 100 rows, 16 column panels of a 500-wide layer, 96 blocks of a
/// 784×500 matrix — and a join per region (~15 per step, ~0.5 µs each), so beyond ~8 threads at batch 100 the
/// regions are too small; (2) measured on this 2-vCPU VM, the larger limit: a region that reads what the other core
/// wrote in the previous region (the optimiser's weights read by the next forward product, a product's output read
/// by an element-wise pass split another way) pays for moving those cache lines between cores; isolated, each region
/// scales 1.7–1.9×, chained in a step far less. Scaling further needs every region of a layer to split the same
/// dimension (its output features) so that each core keeps its slice of W, dW, Z and dZ in its own cache — and weights
/// stored with each core's features contiguous: in today's [in, out] rows the two slices alternate every 1 KB, and a
/// pass split that way ran 5–7× slower than one split by rows on this VM (<see cref="SplitUpdate"/>; `sweep bench engine`
/// prints both at 2 threads). The first fc layer splits by rows of W instead: its products by fixed blocks of input
/// features, each on one core, summed in a fixed order (<see cref="Model.InputColumnCompaction"/>).
/// </para>
/// </summary>
public sealed unsafe class WorkerPool
{
    /// <summary>How long a worker keeps polling for the next region before it blocks: the gaps inside a step are shorter.</summary>
    public const int SpinMicroseconds = 200;

    /// <summary>A worker blocked this long exits; the next fork starts a fresh one.</summary>
    public const int IdleExitMilliseconds = 10_000;

    [ThreadStatic]
    private static WorkerPool? current;

    private readonly object _gate = new();
    private readonly List<Worker> _workers = [];
    private delegate*<void*, int, int, int, void> _invoke;
    private void* _work;
    private int _count;
    private int _parts;

    // The region's generation (high 32 bits) and its next unclaimed range (low 32): a range is claimed by one
    // compare-exchange that also proves the region is still the one whose fields the claimant reads.
    private long _state;
    private int _done;
    private int _sleeping;
    private ExceptionDispatchInfo? _failure;

    private WorkerPool()
    {
    }

    /// <summary>
    /// Runs <paramref name="work"/> over [0, <paramref name="count"/>) split into min(threads, count) contiguous ranges,
    /// the first on the calling thread, and returns when all are done. With one range it is a plain call.
    /// An exception in any range is rethrown here after every range has finished.
    /// </summary>
    public static void For<TWork>(int threads, int count, TWork work)
        where TWork : struct, IRangeWork
    {
        var parts = Math.Min(threads, count);
        if (parts <= 1)
        {
            if (count > 0)
            {
                work.Run(0, count);
            }

            return;
        }

        // The work lives in this frame (a parameter, on the stack, where the GC never moves it) until every range is done.
        (current ??= new WorkerPool()).Run(&Invoke<TWork>, Unsafe.AsPointer(ref work), count, parts);
    }

    /// <summary>
    /// The threads worth using for <paramref name="work"/> units of which a thread should get at least
    /// <paramref name="minWorkPerThread"/> (below that, the fork and join cost more than the thread saves): 1 to threads.
    /// </summary>
    public static int ThreadsFor(int threads, long work, long minWorkPerThread) =>
        (int)Math.Clamp(work / minWorkPerThread, 1, Math.Max(1, threads));

    /// <summary>The start of range <paramref name="part"/> of <paramref name="parts"/> over [0, count): near-equal, contiguous.</summary>
    public static int RangeStart(int count, int part, int parts) => (int)((long)count * part / parts);

    private static void Invoke<TWork>(void* work, int count, int part, int parts)
        where TWork : struct, IRangeWork
    {
        var start = RangeStart(count, part, parts);
        var end = RangeStart(count, part + 1, parts);
        if (end > start)
        {
            Unsafe.AsRef<TWork>(work).Run(start, end);
        }
    }

    private void Run(delegate*<void*, int, int, int, void> invoke, void* work, int count, int parts)
    {
        int generation;
        lock (_gate)
        {
            _workers.RemoveAll(worker => worker.Exited);
            while (_workers.Count < parts - 1)
            {
                _workers.Add(new Worker(this, Generation(Volatile.Read(ref _state))));
            }

            // Closes the last region first: a worker that read its state before now can no longer claim a range of it
            // while the fields below change.
            generation = Generation(_state) + 1;
            Interlocked.Exchange(ref _state, ((long)(generation - 1) << 32) | int.MaxValue);
            _invoke = invoke;
            _work = work;
            _count = count;
            _parts = parts;
            _failure = null;
            _done = 0;
            // Publishes the fields above; range 0 is the caller's.
            Interlocked.Exchange(ref _state, ((long)generation << 32) | 1);
            if (Volatile.Read(ref _sleeping) > 0)
            {
                Monitor.PulseAll(_gate);
            }
        }

        RunRange(0);
        // Ranges no worker has claimed yet (one descheduled on a busy machine) run here rather than wait for it.
        RunClaimedRanges(generation);
        var wait = new SpinWait();
        while (Volatile.Read(ref _done) < parts)
        {
            wait.SpinOnce(sleep1Threshold: -1);
        }

        _failure?.Throw();
    }

    private static int Generation(long state) => (int)(state >> 32);

    /// <summary>Claims and runs ranges of region <paramref name="generation"/> until none is left.</summary>
    private void RunClaimedRanges(int generation)
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            var part = (int)state;
            if (Generation(state) != generation || part >= _parts)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _state, state + 1, state) == state)
            {
                RunRange(part);
            }
        }
    }

    private void RunRange(int part)
    {
        try
        {
            _invoke(_work, _count, part, _parts);
        }
        catch (Exception exception)
        {
            lock (_gate)
            {
                _failure ??= ExceptionDispatchInfo.Capture(exception);
            }
        }
        finally
        {
            Interlocked.Increment(ref _done);
        }
    }

    private sealed class Worker
    {
        private readonly WorkerPool _pool;
        private int _seen;

        public Worker(WorkerPool pool, int generation)
        {
            (_pool, _seen) = (pool, generation);
            new Thread(Loop) { IsBackground = true, Name = "sweep worker" }.Start();
        }

        public bool Exited { get; private set; }

        private void Loop()
        {
            while (WaitForRegion())
            {
                _pool.RunClaimedRanges(_seen);
            }
        }

        /// <summary>Polls, then blocks, until a new region is published; false when idle long enough to exit.</summary>
        private bool WaitForRegion()
        {
            var pool = _pool;
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
            var wait = new SpinWait();
            while (Generation(Volatile.Read(ref pool._state)) == _seen)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    return Block();
                }

                wait.SpinOnce(sleep1Threshold: -1);
            }

            _seen = Generation(Volatile.Read(ref pool._state));
            return true;
        }

        private bool Block()
        {
            var pool = _pool;
            lock (pool._gate)
            {
                Interlocked.Increment(ref pool._sleeping);
                try
                {
                    while (Generation(Volatile.Read(ref pool._state)) == _seen)
                    {
                        if (!Monitor.Wait(pool._gate, IdleExitMilliseconds) && Generation(Volatile.Read(ref pool._state)) == _seen)
                        {
                            // Under the gate, so the next region, published under it too, starts a new worker instead.
                            Exited = true;
                            return false;
                        }
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref pool._sleeping);
                }

                _seen = Generation(Volatile.Read(ref pool._state));
                return true;
            }
        }
    }
}
