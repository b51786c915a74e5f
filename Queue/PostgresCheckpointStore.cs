using Npgsql;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>
/// Checkpoints in the queue's PostgreSQL database, where every worker of a distributed sweep can reach them: one row per
/// trial in sweep_queue.checkpoint, created at first use. A save is one upsert statement, so a reader sees the old
/// bytes or the new ones. Calls are retried through a database restart (<see cref="StorageRetry"/>).
/// </summary>
public sealed class PostgresCheckpointStore(string connectionString) : ICheckpointStore
{
    // Several workers may start at once: CREATE TABLE IF NOT EXISTS races on the catalog, so it runs under a lock.
    private const string CreateTable = $"""
        SELECT pg_advisory_xact_lock(7236512903);
        CREATE SCHEMA IF NOT EXISTS {PostgresQueue.Schema};
        CREATE TABLE IF NOT EXISTS {PostgresQueue.Schema}.checkpoint (
            trial_hash text PRIMARY KEY,
            data bytea NOT NULL,
            saved_at timestamptz NOT NULL DEFAULT now());
        """;
    private const string SelectSql = $"SELECT data FROM {PostgresQueue.Schema}.checkpoint WHERE trial_hash = @hash";
    private const string UpsertSql = $"""
        INSERT INTO {PostgresQueue.Schema}.checkpoint (trial_hash, data, saved_at) VALUES (@hash, @data, now())
        ON CONFLICT (trial_hash) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at
        """;
    private const string DeleteSql = $"DELETE FROM {PostgresQueue.Schema}.checkpoint WHERE trial_hash = @hash";

    private readonly Lazy<bool> _table = new(() => StorageRetry.Run(() =>
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using (var command = new NpgsqlCommand(CreateTable, connection, transaction)) command.ExecuteNonQuery();
        transaction.Commit();
        return true;
    }), LazyThreadSafetyMode.PublicationOnly); // a failure is not cached: the next call tries again

    public byte[]? Load(string trialHash) => Execute(trialHash, SelectSql, null, command => command.ExecuteScalar() as byte[]);

    public void Save(string trialHash, byte[] checkpoint) => Execute(trialHash, UpsertSql, checkpoint, command => command.ExecuteNonQuery());

    public void Delete(string trialHash) => Execute(trialHash, DeleteSql, null, command => command.ExecuteNonQuery());

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
