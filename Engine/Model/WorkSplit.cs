namespace Sweep.Engine.Model;

/// <summary>
/// Runs items [0, count) on up to <c>workers</c> threads, each worker taking one contiguous range. Callers only use it for
/// work whose results do not depend on which worker does an item, so the split never changes a bit.
/// </summary>
internal static class WorkSplit
{
    /// <param name="body">(worker, first item, end item): worker is in [0, workers), for per-worker scratch.</param>
    public static void Ranges(int count, int workers, Action<int, int, int> body)
    {
        workers = Math.Max(1, Math.Min(workers, count));
        if (workers == 1)
        {
            if (count > 0) body(0, 0, count);
            return;
        }
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers },
            worker => body(worker, (int)((long)count * worker / workers), (int)((long)count * (worker + 1) / workers)));
    }
}
