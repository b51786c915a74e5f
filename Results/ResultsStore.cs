using Dapper;
using Microsoft.Data.Sqlite;
using Sweep.Engine.Training;
using Sweep.Results.Reports;
using Sweep.Results.Storage;
using Sweep.Worker.Remote;
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
        return connection.ExecuteScalar<int>(ResultsSql.SchemaVersion);
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
        // Checked here, at the edge: the status queries and reports pick the metric column by this exact text.
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(sweep.Name)) problems.Add("a sweep needs a name");
        if (ReportMetric.TryParse(sweep.Metric) is not { } metric || metric.Name != sweep.Metric)
            problems.Add(ReportMetric.UnknownMessage(sweep.Metric));
        if (sweep.Goal is not ("maximize" or "minimize"))
            problems.Add($"unknown goal '{sweep.Goal}': expected maximize or minimize");
        var duplicates = trials.GroupBy(trial => trial.Hash).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (duplicates.Count > 0) problems.Add($"the same trial is listed more than once: {string.Join(", ", duplicates)}");
        if (problems.Count > 0) throw new ArgumentException($"sweep '{sweep.Name}': {string.Join("; ", problems)}");

        using var connection = Connect();
        using var transaction = BeginImmediate(connection);
        connection.Execute(ResultsSql.UpsertSweep, sweep, transaction);
        var added = connection.Execute(ResultsSql.InsertTrialIfAbsent, trials, transaction);
        connection.Execute(ResultsSql.DeleteSweepLinks, new { sweep.Name }, transaction);
        connection.Execute(ResultsSql.InsertSweepLink,
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
        if (connection.ExecuteScalar<long>(ResultsSql.SweepExists, new { Name = sweepName }, transaction) == 0)
            throw new KeyNotFoundException($"{Path}: no sweep named '{sweepName}'");
        connection.Execute(ResultsSql.ResetForRun, new { Sweep = sweepName, RetryFailed = retryFailed }, transaction);
        var pending = connection.Query<PendingTrial>(ResultsSql.PendingTrials, new { Sweep = sweepName }, transaction).ToList();
        transaction.Commit();
        return pending;
    }

    // ---- ITrialStore (called from worker threads) -----------------------------------------------------------------

    public TrialClaim? TryClaim(string trialHash, string worker)
    {
        using var connection = Connect();
        using var transaction = BeginImmediate(connection);
        var attempt = connection.QuerySingleOrDefault<long?>(ResultsSql.Claim, new { Hash = trialHash, Worker = worker }, transaction);
        if (attempt is null) return null; // not pending: a result exists, or another delivery holds it
        // The curves of an earlier attempt would mix with this one's.
        connection.Execute(ResultsSql.DeleteEpochs, new { Hash = trialHash }, transaction);
        transaction.Commit();
        return new TrialClaim(trialHash, (int)attempt.Value, worker);
    }

    public void RecordEpoch(TrialClaim claim, EpochMetrics epoch)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(epoch);
        using var connection = Connect();
        using var transaction = BeginImmediate(connection);
        connection.Execute(ResultsSql.UpsertEpoch, EpochParameters(claim.TrialHash, claim.Worker, claim.Attempt, epoch), transaction);
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
        var stored = connection.Execute(ResultsSql.RecordOutcome, OutcomeParameters(claim.TrialHash, claim.Worker, claim.Attempt, outcome), transaction);
        transaction.Commit();
        return stored == 1;
    }

    // ---- remote workers (the coordinator copies what they reported) --------------------------------------------

    /// <summary>
    /// Copies a remote worker's report of a trial: its running attempt and epochs, or its outcome. Idempotent, and a
    /// stored result is never replaced, so copying the same report twice, or a late duplicate, changes nothing.
    /// Returns true when the trial now holds a final outcome from this report.
    /// </summary>
    public bool Mirror(string trialHash, RemoteTrialState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Attempt == 0 && state.Outcome is null) return false; // nobody has started it yet
        using var connection = Connect();
        using var transaction = BeginImmediate(connection);
        var changed = state.Outcome is { } outcome && outcome.Status is not (TrialStatus.Pending or TrialStatus.Running)
            ? connection.Execute(ResultsSql.MirrorOutcome, OutcomeParameters(trialHash, state.Worker, state.Attempt, outcome), transaction)
            : connection.Execute(ResultsSql.MirrorRunning, new { Hash = trialHash, state.Worker, state.Attempt }, transaction);
        if (changed == 1)
        {
            connection.Execute(ResultsSql.DeleteEpochs, new { Hash = trialHash }, transaction);
            foreach (var epoch in state.Epochs)
                connection.Execute(ResultsSql.InsertEpoch, EpochParameters(trialHash, state.Worker, state.Attempt, epoch), transaction);
        }
        transaction.Commit();
        return changed == 1 && state.Outcome is not null;
    }

    // ---- queries -----------------------------------------------------------------------------------------------

    public SweepRecord? GetSweep(string name)
    {
        using var connection = Connect();
        var data = connection.QuerySingleOrDefault<SweepData>(ResultsSql.GetSweep, new { Name = name });
        return data is null ? null : new SweepRecord(data.Name, data.SourceFile, data.Method, data.Metric, data.Goal, data.DefinitionJson);
    }

    /// <summary>Every sweep in the file with its trials counted by state, by name.</summary>
    public IReadOnlyList<SweepSummary> ListSweeps()
    {
        using var connection = Connect();
        var sweeps = connection.Query<SweepData>(ResultsSql.ListSweeps).ToList();
        var counts = connection.Query<StatusCountData>(ResultsSql.CountAllByStatus).ToList();
        return sweeps.Select(sweep => new SweepSummary(sweep.Name, sweep.Metric, sweep.Goal, sweep.SourceFile, sweep.UpdatedAt,
            Tally(counts.Where(count => count.Sweep == sweep.Name)))).ToList();
    }

    public StatusCounts CountByStatus(string sweepName)
    {
        using var connection = Connect();
        return Tally(connection.Query<StatusCountData>(ResultsSql.CountByStatus, new { Sweep = sweepName }));
    }

    /// <summary>Every trial of the sweep in sweep order, with config, state, metrics and latest epoch.</summary>
    public IReadOnlyList<TrialRow> TrialRows(string sweepName)
    {
        using var connection = Connect();
        return connection.Query<TrialRowData>(ResultsSql.TrialRows, new { Sweep = sweepName }).Select(ToRow).ToList();
    }

    /// <summary>The sweep's Running trials with their latest epoch, for progress.</summary>
    public IReadOnlyList<TrialRow> RunningTrials(string sweepName)
    {
        using var connection = Connect();
        return connection.Query<TrialRowData>(ResultsSql.RunningTrials, new { Sweep = sweepName }).Select(ToRow).ToList();
    }

    /// <summary>The Completed trial that is best by the sweep's own metric and goal; null when none has that metric.</summary>
    public TrialRow? BestTrial(string sweepName)
    {
        using var connection = Connect();
        var data = connection.QueryFirstOrDefault<TrialRowData>(ResultsSql.BestTrial, new { Sweep = sweepName });
        return data is null ? null : ToRow(data);
    }

    /// <summary>The per-epoch curve of the trial's latest attempt.</summary>
    public IReadOnlyList<EpochMetrics> Epochs(string trialHash)
    {
        using var connection = Connect();
        return connection.Query<(long Epoch, double? TrainLoss, double? ValLoss, double? ValAcc, double? Seconds)>(
                ResultsSql.Epochs, new { Hash = trialHash })
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
        connection.Execute(ResultsSql.CreateSchemaVersion, transaction: transaction);
        var version = connection.ExecuteScalar<int>(ResultsSql.SchemaVersion, transaction: transaction);
        if (version > Migrations.Latest) throw new SchemaVersionException(Path, version, Migrations.Latest);
        foreach (var migration in Migrations.All.Where(migration => migration.Version > version))
        {
            connection.Execute(migration.Sql, transaction: transaction);
            connection.Execute(ResultsSql.InsertSchemaVersion, new { migration.Version, migration.Description }, transaction);
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
    /// <summary>The parameters of both epoch statements (the claimed upsert checks worker and attempt; the copy does not).</summary>
    private static object EpochParameters(string hash, string? worker, int attempt, EpochMetrics epoch) => new
    {
        Hash = hash,
        Attempt = attempt,
        Worker = worker,
        epoch.Epoch,
        TrainLoss = Stored(epoch.TrainLoss),
        ValLoss = Stored(epoch.ValLoss),
        ValAcc = Stored(epoch.ValAcc),
        Seconds = Stored(epoch.Seconds),
    };

    /// <summary>The parameters of both outcome statements: a local claim's and a remote worker's report.</summary>
    private static object OutcomeParameters(string hash, string? worker, int attempt, TrialOutcome outcome) => new
    {
        Hash = hash,
        Attempt = attempt,
        Worker = worker,
        Status = StatusText.Of(outcome.Status),
        outcome.Error,
        Seconds = Stored(outcome.Seconds),
        outcome.EpochsDone,
        TrainLoss = Stored(outcome.TrainLoss),
        ValLoss = Stored(outcome.ValLoss),
        ValAcc = Stored(outcome.ValAcc),
        TestLoss = Stored(outcome.TestLoss),
        TestAcc = Stored(outcome.TestAcc),
    };

    private static double? Stored(double value) => double.IsFinite(value) ? value : null;

    private static StatusCounts Tally(IEnumerable<StatusCountData> counts) =>
        counts.Where(count => count.Status is not null)
            .Aggregate(StatusCounts.Empty, (total, count) => total.Add(StatusText.Parse(count.Status!), (int)count.Count));

    private static TrialRow ToRow(TrialRowData data) => new(
        (int)data.Position, data.Hash, TrialConfig.FromCanonicalJson(data.ConfigJson), StatusText.Parse(data.Status),
        data.Error, data.Worker, (int)data.Attempt, data.StartedAt, data.FinishedAt, data.Seconds, (int?)data.EpochsDone,
        data.TrainLoss, data.ValLoss, data.ValAcc, data.TestLoss, data.TestAcc,
        (int?)data.LatestEpoch, data.LatestTrainLoss, data.LatestValLoss, data.LatestValAcc);
}
