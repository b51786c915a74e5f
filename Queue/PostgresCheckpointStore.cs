using Npgsql;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>
/// Checkpoints in the queue's PostgreSQL database, where every worker of a distributed sweep can reach them: one row per
/// trial in sweep_queue.checkpoint, created at first use. A save is one upsert statement, so a reader sees the old
/// bytes or the new ones. Calls are retried through a database restart (<see cref="StorageRetry"/>). Kept models
/// (keep_models) live in a store of the same kind, table sweep_queue.model (<see cref="Models"/>).
/// </summary>
/// <param name="table">The table in the queue's schema: checkpoint, or <see cref="ModelTable"/>; a constant, never user input.</param>
public sealed class PostgresCheckpointStore(string connectionString, string table = "checkpoint") : ICheckpointStore
{
    public const string ModelTable = "model";

    /// <summary>Kept models of completed trials, in the queue's database where every worker can put them.</summary>
    public static PostgresCheckpointStore Models(string connectionString) => new(connectionString, ModelTable);

    // Several workers may start at once: CREATE TABLE IF NOT EXISTS races on the catalog, so it runs under a lock.
    private static string CreateTable(string table) => $"""
        SELECT pg_advisory_xact_lock(7236512903);
        CREATE SCHEMA IF NOT EXISTS {PostgresQueue.Schema};
        CREATE TABLE IF NOT EXISTS {PostgresQueue.Schema}.{table} (
            trial_hash text PRIMARY KEY,
            data bytea NOT NULL,
            saved_at timestamptz NOT NULL DEFAULT now());
        """;
    private readonly string _selectSql = $"SELECT data FROM {PostgresQueue.Schema}.{table} WHERE trial_hash = @hash";
    private readonly string _upsertSql = $"""
        INSERT INTO {PostgresQueue.Schema}.{table} (trial_hash, data, saved_at) VALUES (@hash, @data, now())
        ON CONFLICT (trial_hash) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at
        """;
    private readonly string _deleteSql = $"DELETE FROM {PostgresQueue.Schema}.{table} WHERE trial_hash = @hash";

    private readonly Lazy<bool> _table = new(() => StorageRetry.Run(() =>
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using (var command = new NpgsqlCommand(CreateTable(table), connection, transaction)) command.ExecuteNonQuery();
        transaction.Commit();
        return true;
    }), LazyThreadSafetyMode.PublicationOnly); // a failure is not cached: the next call tries again

    public byte[]? Load(string trialHash) => Execute(trialHash, _selectSql, null, command => command.ExecuteScalar() as byte[]);

    public void Save(string trialHash, byte[] checkpoint) => Execute(trialHash, _upsertSql, checkpoint, command => command.ExecuteNonQuery());

    public void Delete(string trialHash) => Execute(trialHash, _deleteSql, null, command => command.ExecuteNonQuery());

    private T Execute<T>(string trialHash, string sql, byte[]? data, Func<NpgsqlCommand, T> run)
    {
        _ = _table.Value;
        return StorageRetry.Run(() =>
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("hash", trialHash);
            if (data is not null) command.Parameters.AddWithValue("data", data);
            return run(command);
        });
    }
}
