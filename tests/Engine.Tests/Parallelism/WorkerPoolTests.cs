using Sweep.Engine.Parallelism;

namespace Sweep.Engine.Tests.Parallelism;

public class WorkerPoolTests
{
    [Theory]
    [InlineData(1, 7)]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    [InlineData(2, 101)]
    [InlineData(3, 2)]
    [InlineData(4, 1000)]
    public void For_RunsEveryUnitExactlyOnce_InContiguousRanges(int threads, int count)
    {
        var hits = new int[count];
        var ranges = new System.Collections.Concurrent.ConcurrentBag<(int Start, int End)>();

        WorkerPool.For(threads, count, new CountHits(hits, ranges));

        Assert.All(hits, hit => Assert.Equal(1, hit));
        Assert.Equal(Math.Min(threads, count), ranges.Count);
        var ordered = ranges.OrderBy(range => range.Start).ToArray();
        Assert.Equal(0, ordered[0].Start);
        Assert.Equal(count, ordered[^1].End);
        for (var i = 1; i < ordered.Length; i++) Assert.Equal(ordered[i - 1].End, ordered[i].Start);
    }

    [Fact]
    public void For_RunsRangesOnOtherThreads_WhenAskedForTwo()
    {
        var threadIds = new int[2];
        WorkerPool.For(2, 2, new RecordThread(threadIds));
        Assert.Equal(Environment.CurrentManagedThreadId, threadIds[0]);
        // The caller runs a range no worker claimed yet, so one region proves nothing; over many regions a worker takes some.
        var other = false;
        for (var region = 0; region < 200 && !other; region++)
        {
            WorkerPool.For(2, 2, new RecordThread(threadIds));
            other = threadIds[1] != Environment.CurrentManagedThreadId;
        }
        Assert.True(other, "no range ran on a worker in 200 regions");
    }

    [Fact]
    public void For_RethrowsAnExceptionOfAWorkersRange_AfterEveryRangeFinished_AndStaysUsable()
    {
        var hits = new int[64];
        var error = Assert.Throws<InvalidOperationException>(() => WorkerPool.For(4, 64, new ThrowInLastRange(hits)));
        Assert.Equal("range starting at 48 failed", error.Message);
        Assert.Equal(48, hits.Sum());

        var again = new int[64];
        WorkerPool.For(4, 64, new CountHits(again, new()));
        Assert.All(again, hit => Assert.Equal(1, hit));
    }

    [Fact]
    public void ManyRegions_FromSeveralCallerThreadsAtOnce_EachSeeTheirOwnWorkDoneExactlyOnce()
    {
        var failures = 0;
        var callers = Enumerable.Range(0, 3).Select(caller => new Thread(() =>
        {
            for (var region = 0; region < 3000; region++)
            {
                var hits = new int[region % 37 + 1];
                WorkerPool.For(2 + caller, hits.Length, new CountHits(hits, null));
                if (hits.Any(hit => hit != 1)) Interlocked.Increment(ref failures);
            }
        })).ToArray();
        foreach (var thread in callers) thread.Start();
        foreach (var thread in callers) thread.Join();
        Assert.Equal(0, failures);
    }

    [Theory]
    [InlineData(4, 100, 10, 4)]
    [InlineData(4, 25, 10, 2)]
    [InlineData(4, 5, 10, 1)]
    [InlineData(1, 1000, 10, 1)]
    public void ThreadsFor_GivesEachThreadAtLeastTheMinimumWork(int threads, long work, long minimum, int expected) =>
        Assert.Equal(expected, WorkerPool.ThreadsFor(threads, work, minimum));

    private readonly struct CountHits(int[] hits, System.Collections.Concurrent.ConcurrentBag<(int, int)>? ranges) : IRangeWork
    {
        public void Run(int start, int end)
        {
            ranges?.Add((start, end));
            for (var i = start; i < end; i++) Interlocked.Increment(ref hits[i]);
        }
    }

    private readonly struct RecordThread(int[] threadIds) : IRangeWork
    {
        public void Run(int start, int end)
        {
            threadIds[start] = Environment.CurrentManagedThreadId;
            // Long enough for a woken worker to claim the other range before the caller, done with its own, takes it.
            Thread.SpinWait(100_000);
        }
    }

    private readonly struct ThrowInLastRange(int[] hits) : IRangeWork
    {
        public void Run(int start, int end)
        {
            if (end == hits.Length) throw new InvalidOperationException($"range starting at {start} failed");
            for (var i = start; i < end; i++) hits[i]++;
        }
    }
}
