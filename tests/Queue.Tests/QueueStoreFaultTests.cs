using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;
using Sweep.Engine.Training;
using Sweep.Results;
using Sweep.Queue;
using Sweep.Trials;

namespace Sweep.Queue.Tests;

/// <summary>
/// The shared-queue path (HangfireTrialStore on a real PostgreSQL): when the queue's database refuses connections for
/// longer than the storage retries, the trial job ends without an outcome — the outage is not the trial's failure —
/// and the next delivery of the job trains the trial and stores its result.
/// </summary>
public sealed class QueueStoreFaultTests
{
    [Fact]
    public void TrialJob_WhenTheQueueDatabaseIsDownPastTheRetries_EndsWithoutAnOutcome_AndTheNextDeliveryTrainsIt()
    {
        using var database = new PostgresDatabase();
        var options = new PostgreSqlStorageOptions { SchemaName = "sweep_queue", PrepareSchemaIfNecessary = true };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options, null), options);
        var store = new HangfireTrialStore(storage, retryBudget: TimeSpan.FromSeconds(2));
        var trial = PlannedTrial.Of(new TrialConfig { LearningRate = 0.1, Epochs = 1 }, "0123abcd");
        // The database comes back before the error reaches the job: a job that stored it as the trial's outcome could.
        var outage = new Runner(write =>
        {
            Connections(database, allowed: false);
            try { write(); }
            finally { Connections(database, allowed: true); }
        });

        Assert.Throws<TrialStoreException>(() => new TrialJob(store, outage, "worker-1").Run(trial.Hash, trial.ConfigJson, CodeFingerprint.Current, null, CancellationToken.None));

        var afterOutage = store.Read(trial.Hash);
        Assert.Null(afterOutage.Outcome);
        Assert.Equal(1, afterOutage.Attempt);

        new TrialJob(store, new Runner(write => write()), "worker-2").Run(trial.Hash, trial.ConfigJson, CodeFingerprint.Current, null, CancellationToken.None);

        var delivered = store.Read(trial.Hash);
        Assert.Equal((TrialStatus.Completed, 2, "worker-2"), (delivered.Outcome?.Status, delivered.Attempt, delivered.Worker));
    }

    /// <summary>Refuses (and cuts) or again allows every connection to the test's database, as an outage would.</summary>
    private static void Connections(PostgresDatabase database, bool allowed)
    {
        var admin = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var command = new NpgsqlCommand(
            $"ALTER DATABASE {database.Name} ALLOW_CONNECTIONS {(allowed ? "true" : "false")}; " +
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database.Name}' AND NOT {allowed}", connection);
        command.ExecuteNonQuery();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Reports one epoch through <paramref name="aroundEpoch"/>, which calls the job's callback, then completes.</summary>
    private sealed class Runner(Action<Action> aroundEpoch) : ITrialRunner
    {
        public TrialOutcome Run(string trialHash, TrialConfig config, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
        {
            aroundEpoch(() => onEpoch(new EpochMetrics(1, 0.5, 0.4, 0.85, 0.1)));
            return new TrialOutcome(TrialStatus.Completed, null, 0.25, 0.3, 0.9, 0.31, 0.9, 1.0, 1);
        }
    }
}
