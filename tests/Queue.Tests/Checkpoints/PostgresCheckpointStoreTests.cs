using Sweep.Trials;

namespace Sweep.Queue.Tests.Checkpoints;

/// <summary>The PostgreSQL store on a fresh database of the real server ($SWEEP_TEST_QUEUE): its table is created at first use.</summary>
public sealed class PostgresCheckpointStoreTests : CheckpointStoreContract, IDisposable
{
    private readonly PostgresDatabase _database = new();
    private readonly PostgresCheckpointStore _store;

    public PostgresCheckpointStoreTests() => _store = new PostgresCheckpointStore(_database.ConnectionString);

    protected override ICheckpointStore Store => _store;

    // Each round trip of 3 MB over a fresh connection takes a while; a row is replaced in one statement anyway.
    protected override int RacingReads => 25;

    public void Dispose() => _database.Dispose();

    [Fact]
    public void AnotherWorkersStore_OnTheSameDatabase_LoadsTheCheckpoint_AndItsDeleteIsSeen()
    {
        var bytes = Bytes(50_000, seed: 7);
        _store.Save(Trial, bytes);
        var otherWorker = new PostgresCheckpointStore(_database.ConnectionString);

        Assert.Equal(bytes, otherWorker.Load(Trial));
        otherWorker.Delete(Trial);
        Assert.Null(_store.Load(Trial));
    }
}
