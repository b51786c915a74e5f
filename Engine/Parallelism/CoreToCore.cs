using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Sweep.Engine.Parallelism;

/// <summary>
/// What moving data between two cores costs on this machine, which `sweep bench engine` prints beside its thread
/// counts: one training step's parallel regions last microseconds, and a region that reads what another core wrote in
/// the region before waits for those cache lines, so on a machine whose cores are far apart (a VM's two vCPUs on
/// different dies) the transfers, not the flops, bound the gain from a second thread.
/// Two figures, each the best of several runs (noise only ever slows a run down): the round trip of one cache line that
/// two threads take turns writing, each waiting for the other's write (latency: a line the other core holds); and the
/// rate at which one thread reads a buffer another thread has just written (bandwidth: streaming reads, which the
/// prefetchers overlap). A third pair of figures times one pass over a layer's weights split between two threads in
/// the two ways a layer can be split: by rows, and by output features, i.e. half of every row (<see cref="UpdateColumns"/>).
/// Non-goal: which cores the OS picks; the two spinning threads simply run on two of them.
/// </summary>
public static class CoreToCore
{
    /// <summary>The buffer of the read test: about what a step's pass reads of the other core's output (a 784×500 half is 0.8 MB).</summary>
    public const int ReadBytes = 1 << 20;

    /// <summary>Rows of the split-update test: the 784-500-10 net's first layer.</summary>
    public const int UpdateRows = 784;

    /// <summary>
    /// Columns of the split-update test: 500 output features rounded up to whole cache lines, so that the two halves of a
    /// row (1 KB each, 64-byte aligned) share no line and all a column split can cost beyond a row split is their being
    /// neighbours (a core's prefetchers streaming on from its half of a row into the other core's).
    /// </summary>
    public const int UpdateColumns = 512;

    /// <summary>The figures, or null with a single processor (two spinning threads would only take turns on it).</summary>
    public static CoreToCoreResult? Measure(int runs = 5, int roundTrips = 50_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTrips, 1);
        if (Environment.ProcessorCount < 2) return null;
        var roundTrip = double.MaxValue;
        var read = 0.0;
        var (byRows, byColumns) = (double.MaxValue, double.MaxValue);
        var matrix = new SplitUpdate();
        for (var run = 0; run < runs; run++)
        {
            roundTrip = Math.Min(roundTrip, RoundTripNanoseconds(roundTrips));
            read = Math.Max(read, ReadGigabytesPerSecond());
            byRows = Math.Min(byRows, matrix.Microseconds(byColumns: false));
            byColumns = Math.Min(byColumns, matrix.Microseconds(byColumns: true));
        }
        return new CoreToCoreResult(roundTrip, read, byRows, byColumns);
    }

    private static double RoundTripNanoseconds(int roundTrips)
    {
        // The turn counter alone on its line (64 bytes each side), so nothing else the threads touch shares it.
        var line = new long[24];
        const int slot = 8;
        var other = new Thread(() =>
        {
            for (var i = 0; i < roundTrips; i++)
            {
                while (Volatile.Read(ref line[slot]) != 2L * i + 1) Thread.SpinWait(1);
                Volatile.Write(ref line[slot], 2L * i + 2);
            }
        }) { IsBackground = true };
        other.Start();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < roundTrips; i++)
        {
            Volatile.Write(ref line[slot], 2L * i + 1);
            while (Volatile.Read(ref line[slot]) != 2L * i + 2) Thread.SpinWait(1);
        }
        var elapsed = clock.Elapsed;
        other.Join();
        return elapsed.TotalNanoseconds / roundTrips;
    }

    private static double ReadGigabytesPerSecond()
    {
        var buffer = new float[ReadBytes / sizeof(float)];
        var written = 0;
        var writer = new Thread(() =>
        {
            Array.Fill(buffer, 1f);
            Volatile.Write(ref written, 1);
        }) { IsBackground = true };
        writer.Start();
        // Spinning, not blocked in Join: this thread keeps its core, so the writer runs on another.
        while (Volatile.Read(ref written) == 0) Thread.SpinWait(1);
        var clock = Stopwatch.StartNew();
        var sum = SumEveryLine(buffer);
        var seconds = clock.Elapsed.TotalSeconds;
        GC.KeepAlive(sum);
        return ReadBytes / seconds / 1e9;
    }

    /// <summary>One float per 64-byte line: the cost is the lines' transfer, not the adds.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float SumEveryLine(float[] buffer)
    {
        var sum = 0f;
        for (var i = 0; i < buffer.Length; i += 16) sum += buffer[i];
        return sum;
    }
}

/// <param name="RoundTripNanoseconds">One cache line there and back between two threads' cores.</param>
/// <param name="ReadGigabytesPerSecond">Reading <see cref="CoreToCore.ReadBytes"/> that another thread has just written.</param>
/// <param name="RowSplitMicroseconds">One in-place pass over a <see cref="CoreToCore.UpdateRows"/>×<see cref="CoreToCore.UpdateColumns"/>
/// matrix, each of two threads taking half its rows.</param>
/// <param name="ColumnSplitMicroseconds">The same pass, each thread taking half of every row.</param>
public readonly record struct CoreToCoreResult(double RoundTripNanoseconds, double ReadGigabytesPerSecond,
    double RowSplitMicroseconds, double ColumnSplitMicroseconds);
