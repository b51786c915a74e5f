using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Sweep.Queue;

/// <summary>
/// Hangfire storage on PostgreSQL, with options chosen for trials that run minutes on workers that may be killed.
/// Measured here with the package defaults: the job of a SIGKILLed worker waited 30 minutes (the invisibility timeout)
/// and idle workers polled every 15 s.
/// </summary>
public static class PostgresQueue
{
    public const string Schema = "sweep_queue";

    /// <param name="invisibility">How long a fetched job stays invisible without its worker's keep-alive: the time before
    /// a killed worker's job is handed out again. One minute unless `sweep worker --lease` says otherwise.</param>
    public static JobStorage CreateStorage(QueueConnection connection, TimeSpan? invisibility = null)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = true,
            // A live worker keeps extending its job's invisibility, so a long trial is never handed out twice;
            // a dead worker stops extending it, and the job is visible again after this timeout: the recovery time.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = invisibility ?? TimeSpan.FromMinutes(1),
            // LISTEN/NOTIFY wakes idle workers when a job is enqueued; polling stays as the fallback.
            EnableLongPolling = true,
            QueuePollInterval = TimeSpan.FromSeconds(2),
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
            // A worker started while the database is down (or restarting) retries instead of failing at once.
            StartupConnectionMaxRetries = 30,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connection.ConnectionString, options, null), options);
    }
}
