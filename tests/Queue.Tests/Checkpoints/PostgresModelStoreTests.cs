using Sweep.Trials;

namespace Sweep.Queue.Tests.Checkpoints;

/// <summary>Kept models in the queue's database (sweep_queue.model): the checkpoint store's contract on a table of its own.</summary>
public sealed class PostgresModelStoreTests : CheckpointStoreContract, IDisposable
{
    private readonly PostgresDatabase _database = new();
    private readonly PostgresCheckpointStore _store;

    public PostgresModelStoreTests() => _store = PostgresCheckpointStore.Models(_database.ConnectionString);

    protected override ICheckpointStore Store => _store;

    protected override int RacingReads => 25;

    public void Dispose() => _database.Dispose();

    [Fact]
    public void AModel_AndACheckpoint_OfOneTrial_AreKeptApart()
    {
        var checkpoints = new PostgresCheckpointStore(_database.ConnectionString);
        _store.Save(Trial, Bytes(1_000, seed: 3));

        Assert.Null(checkpoints.Load(Trial));
        checkpoints.Save(Trial, Bytes(10, seed: 4));
        checkpoints.Delete(Trial);
        Assert.Equal(Bytes(1_000, seed: 3), _store.Load(Trial));
    }
}
