using Sweep.Engine.Parallelism;

namespace Sweep.Engine.Model;

/// <summary>
/// Runs items [0, count) on up to <c>workers</c> threads of the <see cref="WorkerPool"/>, each worker taking one
/// contiguous range and knowing its index (for per-worker scratch). Callers only use it for work whose results do not
/// depend on which worker does an item, so the split never changes a bit.
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
        // One pool unit per worker, so each unit is one worker's whole range.
        WorkerPool.For(workers, workers, new WorkerRanges(count, workers, body));
    }

    private readonly struct WorkerRanges(int count, int workers, Action<int, int, int> body) : IRangeWork
    {
        public void Run(int start, int end)
        {
            for (var worker = start; worker < end; worker++)
                body(worker, WorkerPool.RangeStart(count, worker, workers), WorkerPool.RangeStart(count, worker + 1, workers));
        }
    }
}
