using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;
using Sweep.Results;

namespace Sweep.Cli.Tests.Queue;

/// <summary>What the tests of a coordinator and `sweep worker` processes on a real PostgreSQL queue share.</summary>
public static class QueueProcesses
{
    /// <summary>
    /// A bound on a hang, not a speed: with two CPU hogs beside the tests (everything ~3× slower) a worker-stop test's
    /// coordinator needed more than 6 minutes to see its four 10-epoch trials through one surviving worker.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(12);

    /// <summary>
    /// The `--lease` of workers in tests that kill or stop them: the trial of a killed one is taken over after this,
    /// not after the default minute, while renewals (every lease / 6) stay far inside it on a loaded machine.
    /// </summary>
    public const int ShortLease = 10;

    /// <summary>A `sweep worker` of one slot on the test's queue (with <paramref name="lease"/> seconds of `--lease`), once it has printed its banner.</summary>
    public static RunningSweep Worker(TempFolder folder, PostgresDatabase database, int? lease = null)
    {
        string[] leaseOption = lease is { } seconds ? ["--lease", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
        var worker = new RunningSweep(folder.Path, ["worker", "--queue", database.ConnectionString, "--workers", "1", .. leaseOption]);
        worker.WaitForOutput("sweep worker", Patience);
        return worker;
    }

    /// <summary>The queue as the product configures it (same schema), for the test's own reads and writes.</summary>
    public static JobStorage Storage(PostgresDatabase database)
    {
        var options = new PostgreSqlStorageOptions { SchemaName = "sweep_queue", PrepareSchemaIfNecessary = true };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options, null), options);
    }

    /// <summary>
    /// How many rows a table of the queue's schema holds (checkpoints, models: what a finished run must leave empty); 0
    /// while the table does not exist yet (a store creates its table on first use).
    /// </summary>
    public static long QueueRows(PostgresDatabase database, string table)
    {
        using var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"SELECT count(*) FROM sweep_queue.{table}", connection);
        try
        {
            return (long)command.ExecuteScalar()!;
        }
        catch (PostgresException missing) when (missing.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    public static IReadOnlyList<TrialRow> Rows(TempFolder folder, string sweep)
    {
        using var store = ResultsStore.Open(folder.ResultsPath);
        return store.TrialRows(sweep);
    }

    public static void WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"condition not met within {timeout}");
            Thread.Sleep(200);
        }
    }
}
