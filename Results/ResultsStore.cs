using Dapper;
using Microsoft.Data.Sqlite;
using Sweep.Engine.Training;
using Sweep.Results.Storage;
using Sweep.Worker.Trials;

namespace Sweep.Results;

/// <summary>
/// The results of every sweep, in one SQLite file that users query with plain SQL (see Storage/Migrations for the
/// schema and the trial_results view). Implements ITrialStore: a claim succeeds only for a Pending trial and epochs and
/// outcomes are stored only under the current claim, which makes the queue's at-least-once delivery exactly-once.
///
/// Thread safety: every call opens its own connection (pooled by Microsoft.Data.Sqlite, so opening is cheap) rather
/// than sharing one behind a lock. SQLite then serialises writers itself — the same way it does for a second process
/// such as `sweep status` in another terminal — while WAL lets readers go on during a write.
/// Writes are short BEGIN IMMEDIATE transactions: the write lock is taken up front, so a writer waits (busy timeout)
/// instead of failing with SQLITE_BUSY when a read turns into a write under another writer.
/// Non-goals: several coordinators on one file; deleting sweeps or trials.
/// </summary>
public sealed class ResultsStore : ITrialStore, IDisposable
{
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(10);

    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private readonly string connectionString;
    private readonly int busyTimeoutMilliseconds;
    private bool disposed;

    private ResultsStore(string path, string connectionString, TimeSpan busyTimeout)
    {
        Path = path;
        this.connectionString = connectionString;
        busyTimeoutMilliseconds = (int)busyTimeout.TotalMilliseconds;
    }

    /// <summary>The full path of the results file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens (creating the file and its folders if needed) and migrates the results file.
    /// Throws SchemaVersionException when the file is newer than this build.
    /// </summary>
    public static ResultsStore Open(string path, TimeSpan? busyTimeout = null)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        var timeout = busyTimeout ?? DefaultBusyTimeout;
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            // Microsoft.Data.Sqlite also retries a busy statement until the command timeout: keep both equal.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
        }.ToString();
        var store = new ResultsStore(fullPath, connectionString, timeout);
        try
        {
            store.Initialise();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The schema version of the file (max version in schema_version).</summary>
    public int SchemaVersion()
    {
        using var connection = Connect();
        return connection.ExecuteScalar<int>(Sql.SchemaVersion);
    }

    // ---- coordinator -------------------------------------------------------------------------------------------

    /// <summary>
    /// Upserts the sweep, inserts the trials the file does not have yet as Pending (existing trials keep their state and
    /// results, whichever sweep created them) and makes the sweep's links exactly <paramref name="trials"/>, in order.
    /// </summary>
    public SyncSummary SyncSweep(SweepRecord sweep, IReadOnlyList<PlannedTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(trials);
        var duplicates = trials.GroupBy(trial => trial.Hash).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (duplicates.Count > 0)
            throw new ArgumentException(
                $"sweep '{sweep.Name}' lists the same trial more than once: {string.Join(", ", duplicates)}", nameof(trials));

        using var connection = Connect();
        using var transaction = BeginImmediate(connection);
        connection.Execute(Sql.UpsertSweep, sweep, transaction);
        var added = connection.Execute(Sql.InsertTrialIfAbsent, trials, transaction);
        connection.Execute(Sql.DeleteSweepLinks, new { sweep.Name }, transaction);
        connection.Execute(Sql.InsertSweepLink,
            trials.Select((trial, position) => new { Sweep = sweep.Name, trial.Hash, Position = position }), transaction);
        transaction.Commit();
        return new SyncSummary(trials.Count, added);
    }

    /// <summary>
    /// Readies a sweep to run: its Running and Interrupted trials become Pending (only one coordinator uses a results
    /// file, so a Running trial here was left by a process that died), and with <paramref name="retryFailed"/> also its
    /// Failed and Diverged ones. Returns the sweep's Pending trials in sweep order.
    /// </summary>
    public IReadOnlyList<PendingTrial> PrepareRun(string sweepName, bool retryFailed)
    {
        using var connection = Connect();
        using var transaction = BeginImmediate(connection);
        if (connection.ExecuteScalar<long>(Sql.SweepExists, new { Name = sweepName }, transaction) == 0)
            throw new KeyNotFoundException($"{Path}: no sweep named '{sweepName}'");
        connection.Execute(Sql.ResetForRun, new { Sweep = sweepName, RetryFailed = retryFailed }, transaction);
        var pending = connection.Query<PendingTrial>(Sql.PendingTrials, new { Sweep = sweepName }, transaction).ToList();
        transaction.Commit();
        return pending;
    }

    // ---- ITrialStore (called from worker threads) -----------------------------------------------------------------

    public TrialClaim? TryClaim(string trialHash, string worker)
    {
        using var connection = Connect();
        using var transaction = BeginImmediate(connection);
        var attempt = connection.QuerySingleOrDefault<long?>(Sql.Claim, new { Hash = trialHash, Worker = worker }, transaction);
        if (attempt is null) return null; // not pending: a result exists, or another delivery holds it
        // The curves of an earlier attempt would mix with this one's.
        connection.Execute(Sql.DeleteEpochs, new { Hash = trialHash }, transaction);
        transaction.Commit();
        return new TrialClaim(trialHash, (int)attempt.Value, worker);
    }

    public void RecordEpoch(TrialClaim claim, EpochMetrics epoch)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(epoch);
        using var connection = Connect();
        using var transaction = BeginImmediate(connection);
        connection.Execute(Sql.UpsertEpoch, new
        {
            Hash = claim.TrialHash,
            claim.Attempt,
            claim.Worker,
            epoch.Epoch,
            TrainLoss = Stored(epoch.TrainLoss),
            ValLoss = Stored(epoch.ValLoss),
            ValAcc = Stored(epoch.ValAcc),
            Seconds = Stored(epoch.Seconds),
        }, transaction);
        transaction.Commit();
    }

    public bool RecordOutcome(TrialClaim claim, TrialOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Status is TrialStatus.Pending or TrialStatus.Running)
            throw new ArgumentException($"an outcome must be final, not {StatusText.Of(outcome.Status)}", nameof(outcome));
        using var connection = Connect();
        using var transaction = BeginImmediate(connection);
        var stored = connection.Execute(Sql.RecordOutcome, new
        {
            Hash = claim.TrialHash,
            claim.Attempt,
            claim.Worker,
            Status = StatusText.Of(outcome.Status),
            outcome.Error,
            Seconds = Stored(outcome.Seconds),
            outcome.EpochsDone,
            TrainLoss = Stored(outcome.TrainLoss),
            ValLoss = Stored(outcome.ValLoss),
            ValAcc = Stored(outcome.ValAcc),
            TestLoss = Stored(outcome.TestLoss),
            TestAcc = Stored(outcome.TestAcc),
        }, transaction);
        transaction.Commit();
        return stored == 1;
    }

    // ---- queries -----------------------------------------------------------------------------------------------

    public SweepRecord? GetSweep(string name)
    {
        using var connection = Connect();
        var data = connection.QuerySingleOrDefault<SweepData>(Sql.GetSweep, new { Name = name });
        return data is null ? null : new SweepRecord(data.Name, data.SourceFile, data.Method, data.Metric, data.Goal, data.DefinitionJson);
    }

    /// <summary>Every sweep in the file with its trials counted by state, by name.</summary>
    public IReadOnlyList<SweepSummary> ListSweeps()
    {
        using var connection = Connect();
        var sweeps = connection.Query<SweepData>(Sql.ListSweeps).ToList();
        var counts = connection.Query<StatusCountData>(Sql.CountAllByStatus).ToList();
        return sweeps.Select(sweep => new SweepSummary(sweep.Name, sweep.Metric, sweep.Goal, sweep.SourceFile, sweep.UpdatedAt,
            Tally(counts.Where(count => count.Sweep == sweep.Name)))).ToList();
    }

    public StatusCounts CountByStatus(string sweepName)
    {
        using var connection = Connect();
        return Tally(connection.Query<StatusCountData>(Sql.CountByStatus, new { Sweep = sweepName }));
    }

    /// <summary>Every trial of the sweep in sweep order, with config, state, metrics and latest epoch.</summary>
    public IReadOnlyList<TrialRow> TrialRows(string sweepName)
    {
        using var connection = Connect();
        return connection.Query<TrialRowData>(Sql.TrialRows, new { Sweep = sweepName }).Select(ToRow).ToList();
    }

    /// <summary>The sweep's Running trials with their latest epoch, for progress.</summary>
    public IReadOnlyList<TrialRow> RunningTrials(string sweepName)
    {
        using var connection = Connect();
        return connection.Query<TrialRowData>(Sql.RunningTrials, new { Sweep = sweepName }).Select(ToRow).ToList();
    }

    /// <summary>The Completed trial that is best by the sweep's own metric and goal; null when none has that metric.</summary>
    public TrialRow? BestTrial(string sweepName)
    {
        using var connection = Connect();
        var data = connection.QueryFirstOrDefault<TrialRowData>(Sql.BestTrial, new { Sweep = sweepName });
        return data is null ? null : ToRow(data);
    }

    /// <summary>The per-epoch curve of the trial's latest attempt.</summary>
    public IReadOnlyList<EpochMetrics> Epochs(string trialHash)
    {
        using var connection = Connect();
        return connection.Query<(long Epoch, double? TrainLoss, double? ValLoss, double? ValAcc, double? Seconds)>(
                Sql.Epochs, new { Hash = trialHash })
            .Select(row => new EpochMetrics((int)row.Epoch, row.TrainLoss ?? double.NaN, row.ValLoss ?? double.NaN,
                row.ValAcc ?? double.NaN, row.Seconds ?? double.NaN))
            .ToList();
    }

    /// <summary>Releases the pooled connections, so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private void Initialise()
    {
        using var connection = Connect();
        // WAL is a property of the file, and cannot be switched inside a transaction: set it before migrating.
        var mode = connection.ExecuteScalar<string>("PRAGMA journal_mode = WAL");
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new IOException($"{Path}: SQLite could not switch the results file to WAL mode (got '{mode}'); is it on a network share?");

        using var transaction = BeginImmediate(connection);
        connection.Execute(Sql.CreateSchemaVersion, transaction: transaction);
        var version = connection.ExecuteScalar<int>(Sql.SchemaVersion, transaction: transaction);
        if (version > Migrations.Latest) throw new SchemaVersionException(Path, version, Migrations.Latest);
        foreach (var migration in Migrations.All.Where(migration => migration.Version > version))
        {
            connection.Execute(migration.Sql, transaction: transaction);
            connection.Execute(Sql.InsertSchemaVersion, new { migration.Version, migration.Description }, transaction);
        }
        transaction.Commit();
    }

    private SqliteConnection Connect()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        // Per-connection settings: a pooled connection may be new, so set them on every open (cheap).
        // synchronous = NORMAL is durable enough in WAL mode (a power cut may lose the last commits, never corrupt).
        connection.Execute($"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    /// <summary>Microsoft.Data.Sqlite issues BEGIN IMMEDIATE for a transaction that is not deferred.</summary>
    private static SqliteTransaction BeginImmediate(SqliteConnection connection) => connection.BeginTransaction(deferred: false);

    /// <summary>NaN means "not reached" and ±∞ a diverged figure: both are NULL, so avg() and ORDER BY stay meaningful.</summary>
    private static double? Stored(double value) => double.IsFinite(value) ? value : null;

    private static StatusCounts Tally(IEnumerable<StatusCountData> counts) =>
        counts.Where(count => count.Status is not null)
            .Aggregate(StatusCounts.Empty, (total, count) => total.Add(StatusText.Parse(count.Status!), (int)count.Count));

    private static TrialRow ToRow(TrialRowData data) => new(
        (int)data.Position, data.Hash, TrialConfig.FromCanonicalJson(data.ConfigJson), StatusText.Parse(data.Status),
        data.Error, data.Worker, (int)data.Attempt, data.StartedAt, data.FinishedAt, data.Seconds, (int?)data.EpochsDone,
        data.TrainLoss, data.ValLoss, data.ValAcc, data.TestLoss, data.TestAcc,
        (int?)data.LatestEpoch, data.LatestTrainLoss, data.LatestValLoss, data.LatestValAcc);

    /// <summary>Every statement the store runs: constant text, values only as parameters.</summary>
    private static class Sql
    {
        public const string CreateSchemaVersion = """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     INTEGER NOT NULL PRIMARY KEY,
                description TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            )
            """;

        public const string SchemaVersion = "SELECT coalesce(max(version), 0) FROM schema_version";

        public const string InsertSchemaVersion =
            "INSERT INTO schema_version (version, description, applied_at) VALUES (@Version, @Description, " + Now + ")";

        public const string UpsertSweep = """
            INSERT INTO sweeps (name, source_file, method, metric, goal, definition_json, created_at, updated_at)
            VALUES (@Name, @SourceFile, @Method, @Metric, @Goal, @DefinitionJson, 
            """ + Now + ", " + Now + """
            )
            ON CONFLICT (name) DO UPDATE SET
                source_file = excluded.source_file, method = excluded.method, metric = excluded.metric,
                goal = excluded.goal, definition_json = excluded.definition_json, updated_at = excluded.updated_at
            """;

        public const string InsertTrialIfAbsent = """
            INSERT INTO trials (hash, config_json, dataset, status, attempt, created_at)
            VALUES (@Hash, @ConfigJson, @Dataset, 'pending', 0, 
            """ + Now + """
            )
            ON CONFLICT (hash) DO NOTHING
            """;

        public const string DeleteSweepLinks = "DELETE FROM sweep_trials WHERE sweep = @Name";

        public const string InsertSweepLink =
            "INSERT INTO sweep_trials (sweep, trial_hash, position) VALUES (@Sweep, @Hash, @Position)";

        public const string SweepExists = "SELECT count(*) FROM sweeps WHERE name = @Name";

        public const string ResetForRun = """
            UPDATE trials SET status = 'pending'
            WHERE hash IN (SELECT trial_hash FROM sweep_trials WHERE sweep = @Sweep)
              AND (status IN ('running', 'interrupted') OR (@RetryFailed AND status IN ('failed', 'diverged')))
            """;

        public const string PendingTrials = """
            SELECT t.hash AS Hash, t.config_json AS ConfigJson
            FROM sweep_trials st JOIN trials t ON t.hash = st.trial_hash
            WHERE st.sweep = @Sweep AND t.status = 'pending'
            ORDER BY st.position
            """;

        // A new attempt starts clean: the previous attempt's outcome would otherwise show beside a Running status.
        public const string Claim = """
            UPDATE trials SET status = 'running', attempt = attempt + 1, worker = @Worker, started_at = 
            """ + Now + """
            ,
                finished_at = NULL, error = NULL, seconds = NULL, epochs_done = NULL,
                train_loss = NULL, val_loss = NULL, val_acc = NULL, test_loss = NULL, test_acc = NULL
            WHERE hash = @Hash AND status = 'pending'
            RETURNING attempt
            """;

        public const string DeleteEpochs = "DELETE FROM epochs WHERE trial_hash = @Hash";

        private const string ClaimIsCurrent = "hash = @Hash AND status = 'running' AND attempt = @Attempt AND worker = @Worker";

        public const string UpsertEpoch = """
            INSERT INTO epochs (trial_hash, epoch, train_loss, val_loss, val_acc, seconds)
            SELECT @Hash, @Epoch, @TrainLoss, @ValLoss, @ValAcc, @Seconds
            WHERE EXISTS (SELECT 1 FROM trials WHERE 
            """ + ClaimIsCurrent + """
            )
            ON CONFLICT (trial_hash, epoch) DO UPDATE SET
                train_loss = excluded.train_loss, val_loss = excluded.val_loss,
                val_acc = excluded.val_acc, seconds = excluded.seconds
            """;

        public const string RecordOutcome = """
            UPDATE trials SET status = @Status, error = @Error, finished_at = 
            """ + Now + """
            ,
                seconds = @Seconds, epochs_done = @EpochsDone, train_loss = @TrainLoss, val_loss = @ValLoss,
                val_acc = @ValAcc, test_loss = @TestLoss, test_acc = @TestAcc
            WHERE 
            """ + ClaimIsCurrent;

        private const string SweepColumns = """
            name AS Name, source_file AS SourceFile, method AS Method, metric AS Metric, goal AS Goal,
            definition_json AS DefinitionJson, updated_at AS UpdatedAt
            """;

        public const string GetSweep = "SELECT " + SweepColumns + " FROM sweeps WHERE name = @Name";

        public const string ListSweeps = "SELECT " + SweepColumns + " FROM sweeps ORDER BY name";

        public const string CountAllByStatus = """
            SELECT st.sweep AS Sweep, t.status AS Status, count(*) AS Count
            FROM sweep_trials st JOIN trials t ON t.hash = st.trial_hash
            GROUP BY st.sweep, t.status
            """;

        public const string CountByStatus = """
            SELECT st.sweep AS Sweep, t.status AS Status, count(*) AS Count
            FROM sweep_trials st JOIN trials t ON t.hash = st.trial_hash
            WHERE st.sweep = @Sweep
            GROUP BY t.status
            """;

        private const string TrialRowSelect = """
            SELECT st.position AS Position, t.hash AS Hash, t.config_json AS ConfigJson, t.status AS Status,
                   t.error AS Error, t.worker AS Worker, t.attempt AS Attempt, t.started_at AS StartedAt,
                   t.finished_at AS FinishedAt, t.seconds AS Seconds, t.epochs_done AS EpochsDone,
                   t.train_loss AS TrainLoss, t.val_loss AS ValLoss, t.val_acc AS ValAcc,
                   t.test_loss AS TestLoss, t.test_acc AS TestAcc,
                   e.epoch AS LatestEpoch, e.train_loss AS LatestTrainLoss, e.val_loss AS LatestValLoss,
                   e.val_acc AS LatestValAcc
            FROM sweep_trials st
            JOIN trials t ON t.hash = st.trial_hash
            LEFT JOIN epochs e ON e.trial_hash = t.hash
                              AND e.epoch = (SELECT max(epoch) FROM epochs WHERE trial_hash = t.hash)
            """;

        public const string TrialRows = TrialRowSelect + " WHERE st.sweep = @Sweep ORDER BY st.position";

        public const string RunningTrials =
            TrialRowSelect + " WHERE st.sweep = @Sweep AND t.status = 'running' ORDER BY st.position";

        // The metric and goal come from the sweep row, so the column is picked by CASE rather than pasted into the SQL.
        private const string SweepMetric = """
            (CASE s.metric WHEN 'val_acc' THEN t.val_acc WHEN 'val_loss' THEN t.val_loss
                           WHEN 'test_acc' THEN t.test_acc WHEN 'test_loss' THEN t.test_loss
                           WHEN 'train_loss' THEN t.train_loss END)
            """;

        public const string BestTrial = TrialRowSelect + """
            
            JOIN sweeps s ON s.name = st.sweep
            WHERE st.sweep = @Sweep AND t.status = 'completed' AND 
            """ + SweepMetric + """
             IS NOT NULL
            ORDER BY 
            """ + SweepMetric + """
             * (CASE s.goal WHEN 'maximize' THEN -1 ELSE 1 END), st.position
            LIMIT 1
            """;

        public const string Epochs = """
            SELECT epoch, train_loss, val_loss, val_acc, seconds FROM epochs WHERE trial_hash = @Hash ORDER BY epoch
            """;
    }
}
