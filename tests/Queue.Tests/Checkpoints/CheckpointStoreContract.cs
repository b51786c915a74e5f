using Sweep.Trials;

namespace Sweep.Queue.Tests.Checkpoints;

/// <summary>
/// What every <see cref="ICheckpointStore"/> promises, run against each real backend (a folder, PostgreSQL): bytes come
/// back exactly, a save replaces the previous one whole (a reader racing two writers never sees a mix), delete empties it.
/// </summary>
public abstract class CheckpointStoreContract
{
    protected const string Trial = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    protected const string OtherTrial = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    protected abstract ICheckpointStore Store { get; }

    /// <summary>Loads made while two writers race: enough for a torn file to show (a store writing the file in place failed at read 14 here).</summary>
    protected virtual int RacingReads => 150;

    [Fact]
    public void Load_IsNull_WhenNothingWasSaved() => Assert.Null(Store.Load(Trial));

    [Fact]
    public void Save_ThenLoad_GivesTheSameBytes_AndTrialsAreKeptApart()
    {
        var big = Bytes(3_400_000, seed: 1); // the size of a 784-500-10 checkpoint with momentum
        var small = Bytes(100, seed: 2);

        Store.Save(Trial, big);
        Store.Save(OtherTrial, small);

        Assert.Equal(big, Store.Load(Trial));
        Assert.Equal(small, Store.Load(OtherTrial));
    }

    [Fact]
    public void Save_ReplacesTheCheckpoint_AndDelete_RemovesOnlyThatTrials()
    {
        Store.Save(Trial, Bytes(5000, seed: 1));
        Store.Save(Trial, Bytes(300, seed: 3));
        Store.Save(OtherTrial, Bytes(10, seed: 4));
        Assert.Equal(Bytes(300, seed: 3), Store.Load(Trial));

        Store.Delete(Trial);
        Store.Delete(Trial);

        Assert.Null(Store.Load(Trial));
        Assert.Equal(Bytes(10, seed: 4), Store.Load(OtherTrial));
    }

    [Fact]
    public async Task AReaderRacingTwoWriters_AlwaysSeesOneWholeCheckpoint()
    {
        var first = Bytes(3_000_000, seed: 5);
        var second = Bytes(1_000_000, seed: 6);
        Store.Save(Trial, first);
        using var done = new CancellationTokenSource();
        var writers = new[] { first, second }.Select(bytes => Task.Run(() =>
        {
            while (!done.IsCancellationRequested) Store.Save(Trial, bytes);
        })).ToArray();

        var reads = 0;
        try
        {
            for (; reads < RacingReads; reads++)
            {
                var read = Store.Load(Trial);
                Assert.NotNull(read);
                Assert.True(read.AsSpan().SequenceEqual(first) || read.AsSpan().SequenceEqual(second), $"read {reads} is neither checkpoint ({read.Length} bytes)");
            }
        }
        finally
        {
            done.Cancel();
            await Task.WhenAll(writers);
        }
        Assert.Equal(RacingReads, reads);
    }

    protected static byte[] Bytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
