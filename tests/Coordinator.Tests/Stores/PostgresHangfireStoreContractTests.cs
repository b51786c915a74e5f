using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Sweep.Coordinator.Tests.Stores;

/// <summary>The store contract on Hangfire.PostgreSql, the shared queue of remote workers, on a real PostgreSQL database.</summary>
public sealed class PostgresHangfireStoreContractTests : HangfireStoreContract
{
    private readonly PostgresDatabase database = new();
    private readonly PostgreSqlStorage storage;

    public PostgresHangfireStoreContractTests()
    {
        var options = new PostgreSqlStorageOptions { SchemaName = "sweep_queue", PrepareSchemaIfNecessary = true };
        storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options, null), options);
    }

    protected override JobStorage Storage => storage;

    /// <summary>Hangfire.PostgreSql's lock polls with growing pauses, so each contended round takes seconds: fewer rounds.</summary>
    protected override int ConcurrentRounds => 8;

    public override void Dispose() => database.Dispose();
}
