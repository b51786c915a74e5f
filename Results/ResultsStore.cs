using Dapper;
using Microsoft.Data.Sqlite;
using Sweep.Engine.Training;
using Sweep.Results.Storage;
using Sweep.Trials;

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
///
/// Faults: every SQLite error leaves as a <see cref="ResultsFileException"/> naming the file (a <see cref="TrialStoreException"/>,
/// so a trial job never records it as the trial's outcome). A write lock that another program holds past the busy timeout
/// is waited out: the call is tried again after 1, 2, 4, 8 and then every 15 s, each try waiting up to the busy timeout,
/// until the lock wait (2 minutes; $SWEEP_RESULTS_LOCK_WAIT seconds, for tests) is spent. Other errors (a full disk, a
/// read-only folder) fail at once. The first failure of a worker's call is kept as <see cref="WorkerFault"/>, which ends
/// the run; after it, calls no longer wait out locks.
/// Leases: a claim holds its trial for <see cref="Lease"/> (60 s unless a test says otherwise) and its job renews it; a
/// running trial is taken over, or reset by PrepareRun, only once its lease has expired, or when its worker is a dead
/// process of this host. So several coordinators may run sweeps on one file: each trains what nobody holds.
/// Non-goals: deleting sweeps or trials.
/// </summary>
public sealed class ResultsStore : ITrialStore, IDisposable
{
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan DefaultLockWait = TimeSpan.FromMinutes(2);

    /// <summary>Seconds to wait out another program's write lock before giving up; a hook for tests, which cannot wait minutes.</summary>
    public const string LockWaitVariable = "SWEEP_RESULTS_LOCK_WAIT";

    private static readonly TimeSpan LongestLockPause = TimeSpan.FromSeconds(15);

    private readonly string connectionString;
    private readonly int busyTimeoutMilliseconds;
    private readonly TimeSpan lockWait;
    private Exception? workerFault;
    private bool disposed;

    private ResultsStore(string path, string connectionString, TimeSpan busyTimeout, TimeSpan lockWait, TimeSpan lease)
    {
        Path = path;
        Lease = lease;
        this.connectionString = connectionString;
        busyTimeoutMilliseconds = (int)busyTimeout.TotalMilliseconds;
        this.lockWait = lockWait;
    }

    /// <summary>The full path of the results file.</summary>
    public string Path { get; }

    /// <summary>How long a claim holds its trial without a renewal.</summary>
    public TimeSpan Lease { get; }

    /// <summary>
    /// The first error of a worker's call (claim, epoch, outcome), or null. The trial job ends without an outcome, so
    /// the run must end too (its trial would stay running forever); the trial runs again next time.
    /// </summary>
    public Exception? WorkerFault => Volatile.Read(ref workerFault);

    /// <summary>
    /// Opens (creating the file and its folders if needed) and migrates the results file. Throws
    /// NotAResultsFileException (SchemaVersionException when the file is newer than this build) for a path that is not a
    /// results file, and ResultsFileException when it cannot be opened or written.
    /// </summary>
    public static ResultsStore Open(string path, TimeSpan? busyTimeout = null, TimeSpan? lockWait = null, TimeSpan? lease = null)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        ResultsFileErrors.CheckBeforeOpen(fullPath);
        return Create(fullPath, SqliteOpenMode.ReadWriteCreate, busyTimeout, lockWait ?? LockWaitFromEnvironment(), lease, store => store.Initialise());
    }

    /// <summary>
    /// Opens an existing results file for reading only (SQLite read-only mode: no write, no migration, no WAL switch),
    /// for `sweep ui` and `sweep report --html`, which must never change what a running sweep writes. A file of an older
    /// schema is refused with how to upgrade it (the queries read the latest schema); a newer one as <see cref="Open"/> does.
    /// </summary>
    public static ResultsStore OpenReadOnly(string path, TimeSpan? busyTimeout = null)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new NotAResultsFileException(fullPath, "does not exist", "run a sweep first, or pass --results PATH");
        ResultsFileErrors.CheckBeforeOpen(fullPath);
        return Create(fullPath, SqliteOpenMode.ReadOnly, busyTimeout, TimeSpan.Zero, null, store => store.CheckReadable());
    }

    /// <summary>A store on <paramref name="fullPath"/>, disposed again if <paramref name="initialise"/> throws.</summary>
    private static ResultsStore Create(string fullPath, SqliteOpenMode mode, TimeSpan? busyTimeout, TimeSpan lockWait, TimeSpan? lease, Action<ResultsStore> initialise)
    {
        var timeout = busyTimeout ?? DefaultBusyTimeout;
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = mode,
            Pooling = true,
            ForeignKeys = mode == SqliteOpenMode.ReadOnly ? null : true, // enforced where rows are written
            // Microsoft.Data.Sqlite also retries a busy statement until the command timeout: keep both equal.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
        }.ToString();
        var store = new ResultsStore(fullPath, connectionString, timeout, lockWait, lease ?? TrialClaim.DefaultLease);
        try
        {
            initialise(store);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>What a read-only open checks instead of migrating: a results file, of exactly this build's schema.</summary>
    private void CheckReadable() => Use(connection =>
    {
        var tables = connection.Query<string>(ResultsSql.TableNames).ToList();
        ResultsFileErrors.RefuseForeignDatabase(Path, tables);
        if (tables.Count == 0) throw new NotAResultsFileException(Path, "is empty: no sweep has written to it", "run a sweep first, or pass --results PATH");
        var version = connection.ExecuteScalar<int>(ResultsSql.SchemaVersion);
        if (version > Migrations.Latest) throw new SchemaVersionException(Path, version, Migrations.Latest);
        if (version < Migrations.Latest)
            throw new NotAResultsFileException(Path, $"has results schema version {version}, older than this build's version {Migrations.Latest}, and is opened read-only here",
                $"upgrade it once with `sweep status --results {Path}`, then open it again");
        return true;
    });

    // ---- coordinator -------------------------------------------------------------------------------------------

    /// <summary>
    /// Upserts the sweep, inserts the trials the file does not have yet as Pending (existing trials keep their state and
    /// results, whichever sweep created them) and makes the sweep's links exactly <paramref name="trials"/>, in order.
    /// </summary>
    /// <param name="searched">The sweep is a search, whose links the results file itself records as proposals arrive
    /// (<see cref="AddProposals"/>): <paramref name="trials"/> were read from them and may be older than the file by now
    /// (another run of the sweep proposing meanwhile), so links are only added, never removed or moved.</param>
    public SyncSummary SyncSweep(SweepRecord sweep, IReadOnlyList<PlannedTrial> trials, bool searched = false)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(trials);
        // Checked here, at the edge: the status queries and reports pick the metric column by this exact text.
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(sweep.Name)) problems.Add("a sweep needs a name");
        if (Metric.Named(sweep.Metric) is null) problems.Add(Metric.UnknownMessage(sweep.Metric));
        if (Goals.Named(sweep.Goal) is null) problems.Add(Goals.UnknownMessage(sweep.Goal));
        var duplicates = trials.GroupBy(trial => trial.Hash).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (duplicates.Count > 0) problems.Add($"the same trial is listed more than once: {string.Join(", ", duplicates)}");
        if (problems.Count > 0) throw new ArgumentException($"sweep '{sweep.Name}': {string.Join("; ", problems)}");

        return Write((connection, transaction) =>
        {
            connection.Execute(ResultsSql.UpsertSweep, sweep, transaction);
            var added = connection.Execute(ResultsSql.InsertTrialIfAbsent, trials, transaction);
            if (searched)
            {
                connection.Execute(ResultsSql.AppendSweepLink, trials.Select(trial => new { Sweep = sweep.Name, trial.Hash, ResultsSeen = (int?)null }), transaction);
                return new SyncSummary(trials.Count, added);
            }
            connection.Execute(ResultsSql.DeleteOtherSweepLinks,
                new { sweep.Name, Hashes = System.Text.Json.JsonSerializer.Serialize(trials.Select(trial => trial.Hash)) }, transaction);
            connection.Execute(ResultsSql.UpsertSweepLink,
                trials.Select((trial, position) => new { Sweep = sweep.Name, trial.Hash, Position = position }), transaction);
            return new SyncSummary(trials.Count, added);
        });
    }

    /// <summary>
    /// Adds a search's proposals to the end of an existing sweep, in order (a trial the file already holds, say from
    /// another sweep, is linked, not inserted again). Returns the proposals that still need training, in order; or null,
    /// adding nothing, when the sweep no longer has the trials they were proposed after (proposal n follows n − 1 trials):
    /// another run of the sweep proposed meanwhile, and the caller proposes again from the trials as they are now. This
    /// compare-and-set is what keeps two runs of one search from exceeding run_cap or proposing the same number twice.
    /// </summary>
    public IReadOnlyList<PendingTrial>? AddProposals(string sweepName, IReadOnlyList<ProposedTrial> proposals) => Write((connection, transaction) =>
    {
        if (connection.ExecuteScalar<long>(ResultsSql.SweepExists, new { Name = sweepName }, transaction) == 0)
            throw new KeyNotFoundException($"{Path}: no sweep named '{sweepName}'");
        if (proposals.Count > 0
            && connection.ExecuteScalar<long>(ResultsSql.SweepTrialCount, new { Sweep = sweepName }, transaction) != proposals[0].Number - 1)
            return null;
        var pending = new List<PendingTrial>();
        foreach (var proposal in proposals)
        {
            connection.Execute(ResultsSql.InsertTrialIfAbsent, proposal.Trial, transaction);
            connection.Execute(ResultsSql.AppendSweepLink, new { Sweep = sweepName, proposal.Trial.Hash, proposal.ResultsSeen }, transaction);
            pending.AddRange(connection.Query<PendingTrial>(ResultsSql.PendingOf, new { proposal.Trial.Hash }, transaction));
        }
        return (IReadOnlyList<PendingTrial>?)pending;
    });

    /// <summary>
    /// Readies a sweep to run: its Interrupted trials and its Running ones whose lease has expired (left by a process
    /// that died) become Pending, and with <paramref name="retryFailed"/> also its Failed and Diverged ones. A Running
    /// trial under a live lease is another run's and stays as it is (see <see cref="HeldByOthers"/>). Returns the sweep's
    /// Pending trials in sweep order.
    /// </summary>
    public IReadOnlyList<PendingTrial> PrepareRun(string sweepName, bool retryFailed) => Write((connection, transaction) =>
    {
        if (connection.ExecuteScalar<long>(ResultsSql.SweepExists, new { Name = sweepName }, transaction) == 0)
            throw new KeyNotFoundException($"{Path}: no sweep named '{sweepName}'");
        ExpireLeasesOfDeadWorkers(connection, transaction, sweepName);
        connection.Execute(ResultsSql.ResetForRun, new { Sweep = sweepName, RetryFailed = retryFailed }, transaction);
        return (IReadOnlyList<PendingTrial>)connection.Query<PendingTrial>(ResultsSql.PendingTrials, new { Sweep = sweepName }, transaction).ToList();
    });

    /// <summary>The sweep's Pending trials in sweep order, changing nothing (<see cref="PrepareRun"/> readies them first).</summary>
    public IReadOnlyList<PendingTrial> PendingTrials(string sweepName) =>
        Read(connection => connection.Query<PendingTrial>(ResultsSql.PendingTrials, new { Sweep = sweepName }).ToList());

    /// <summary>The sweep's Running trials under a live lease: another run (or a remote worker) trains them.</summary>
    public IReadOnlySet<string> HeldByOthers(string sweepName) =>
        Read(connection => connection.Query<(string Hash, string? Worker)>(ResultsSql.HeldTrials, new { Sweep = sweepName })
            .Select(row => row.Hash).ToHashSet());

    /// <summary>
    /// Of <paramref name="trialHashes"/>, the Running ones whose lease has expired (or whose worker is a dead process of
    /// this host) become Pending and are returned, for the caller to enqueue: their holder stopped renewing.
    /// </summary>
    public IReadOnlyList<PendingTrial> TakeBackExpired(string sweepName, IReadOnlyCollection<string> trialHashes)
    {
        if (trialHashes.Count == 0) return [];
        return Write((connection, transaction) =>
        {
            ExpireLeasesOfDeadWorkers(connection, transaction, sweepName);
            return (IReadOnlyList<PendingTrial>)connection.Query<PendingTrial>(ResultsSql.ResetExpired,
                new { Hashes = System.Text.Json.JsonSerializer.Serialize(trialHashes) }, transaction).ToList();
        });
    }

    /// <summary>A lease held by a process of this host that no longer exists ends now: nobody will renew it.</summary>
    private static void ExpireLeasesOfDeadWorkers(SqliteConnection connection, SqliteTransaction transaction, string sweepName)
    {
        foreach (var held in connection.Query<(string Hash, string? Worker)>(ResultsSql.HeldTrials, new { Sweep = sweepName }, transaction))
            if (WorkerProcess.IsDeadOnThisHost(held.Worker))
                connection.Execute(ResultsSql.ExpireLease, new { held.Hash }, transaction);
    }

    /// <summary>
    /// `sweep stop` without a queue: records, with the time, that the sweep's runs should stop. Every run of the sweep
    /// polls it (<see cref="StopRequestedAt"/>) and stops for a request newer than its own start. Returns false when the
    /// file has no such sweep.
    /// </summary>
    public bool RequestStop(string sweepName) =>
        Write((connection, transaction) => connection.Execute(ResultsSql.RequestStop, new { Name = sweepName }, transaction) == 1);

    /// <summary>When `sweep stop` last asked the sweep's runs to stop (UTC), or null: never, or no such sweep.</summary>
    public DateTime? StopRequestedAt(string sweepName) =>
        UtcStamp.Parse(Read(connection => connection.QuerySingleOrDefault<string?>(ResultsSql.StopRequestedAt, new { Name = sweepName })));

    // ---- ITrialStore (called from worker threads) -----------------------------------------------------------------

    public TrialClaim? TryClaim(string trialHash, string worker) => AsWorker(() => Write((connection, transaction) =>
    {
        var owner = TrialClaim.NewOwner();
        var attempt = connection.QuerySingleOrDefault<long?>(ResultsSql.Claim,
            new { Hash = trialHash, Worker = worker, Owner = owner, LeaseSeconds = Lease.TotalSeconds }, transaction);
        if (attempt is null) return null; // a result exists, or another claim's lease is live
        // The curves of an earlier attempt would mix with this one's.
        connection.Execute(ResultsSql.DeleteEpochs, new { Hash = trialHash }, transaction);
        return new TrialClaim(trialHash, (int)attempt.Value, worker, owner);
    }));

    public bool Renew(TrialClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return AsWorker(() => Write((connection, transaction) =>
            connection.Execute(ResultsSql.Renew, new { Hash = claim.TrialHash, claim.Attempt, claim.Owner, LeaseSeconds = Lease.TotalSeconds }, transaction) == 1));
    }

    public void Release(TrialClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        AsWorker(() => Write((connection, transaction) => connection.Execute(ResultsSql.Release, new { Hash = claim.TrialHash, claim.Attempt, claim.Owner }, transaction)));
    }

    public bool RecordEpoch(TrialClaim claim, EpochMetrics epoch)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(epoch);
        return AsWorker(() => Write((connection, transaction) =>
        {
            // Renewing first tells whether the claim is current; the epoch is then written in the same transaction.
            var current = connection.Execute(ResultsSql.Renew, new { Hash = claim.TrialHash, claim.Attempt, claim.Owner, LeaseSeconds = Lease.TotalSeconds }, transaction) == 1;
            if (current) connection.Execute(ResultsSql.UpsertEpoch, EpochParameters(claim.TrialHash, claim.Worker, claim.Attempt, epoch, claim.Owner), transaction);
            return current;
        }));
    }

    public bool RecordOutcome(TrialClaim claim, TrialOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!outcome.Status.IsEnded())
            throw new ArgumentException($"an outcome must be final, not {outcome.Status.Name()}", nameof(outcome));
        return AsWorker(() => Write((connection, transaction) =>
            connection.Execute(ResultsSql.RecordOutcome, OutcomeParameters(claim.TrialHash, claim.Worker, claim.Attempt, outcome, claim.Owner), transaction) == 1));
    }

    /// <summary>
    /// Judges the rung in one write transaction, from the epochs the sweep's other trials stored at that epoch (this
    /// trial's own epoch is stored already), and records the decision in `decisions`.
    /// </summary>
    public RungDecision? JudgeRung(TrialClaim claim, PruningPlan plan, int epoch, double value)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(plan);
        return AsWorker(() => Write((connection, transaction) =>
        {
            var current = new { Hash = claim.TrialHash, claim.Attempt, claim.Owner };
            if (connection.ExecuteScalar<long>(ResultsSql.ClaimCurrent, current, transaction) == 0) return null;
            var others = connection.Query<double?>(ResultsSql.RungValues(Metric.Parse(plan.Metric)),
                    new { Hash = claim.TrialHash, plan.Sweep, Epoch = epoch }, transaction)
                .Select(other => other ?? double.NaN).ToList();
            var decision = plan.Judge(epoch, value, others);
            RecordDecision(connection, transaction, claim.TrialHash, plan.Record(decision, claim.Attempt));
            return decision;
        }));
    }

    private static void RecordDecision(SqliteConnection connection, SqliteTransaction transaction, string trialHash, RecordedDecision recorded) =>
        connection.Execute(ResultsSql.UpsertDecision, new
        {
            recorded.Sweep, Hash = trialHash, recorded.Attempt, recorded.Decision.Rung, recorded.Metric,
            Value = Stored(recorded.Decision.Value), Threshold = Stored(recorded.Decision.Threshold), recorded.Decision.Compared,
            Decision = recorded.Decision.Stop ? "prune" : "continue", recorded.Rule, DecidedAt = UtcStamp.Of(recorded.DecidedAt),
        }, transaction);

    /// <summary>Nothing to note: this store's jobs are queued and run by one process, so their codes never differ.</summary>
    public void RecordRefusal(string trialHash, string worker, string code)
    {
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
        return Write((connection, transaction) =>
        {
            var changed = state.Outcome is { } outcome && outcome.Status.IsEnded()
                ? connection.Execute(ResultsSql.MirrorOutcome, OutcomeParameters(trialHash, state.Worker, state.Attempt, outcome, code: state.Code,
                    startedAt: Stamp(state.StartedAt), finishedAt: Stamp(state.FinishedAt)), transaction)
                : connection.Execute(ResultsSql.MirrorRunning, new { Hash = trialHash, state.Worker, state.Attempt,
                    LeaseExpires = Stamp(state.LeaseExpires), StartedAt = Stamp(state.StartedAt) }, transaction);
            if (changed == 1)
            {
                connection.Execute(ResultsSql.DeleteEpochs, new { Hash = trialHash }, transaction);
                foreach (var epoch in state.Epochs)
                    connection.Execute(ResultsSql.InsertEpoch, EpochParameters(trialHash, state.Worker, state.Attempt, epoch), transaction);
                foreach (var decision in state.Decisions) RecordDecision(connection, transaction, trialHash, decision);
            }
            return changed == 1 && state.Outcome is not null;
        });
    }

    // ---- queries -----------------------------------------------------------------------------------------------

    public SweepRecord? GetSweep(string name)
    {
        var data = Read(connection => connection.QuerySingleOrDefault<SweepData>(ResultsSql.GetSweep, new { Name = name }));
        return data is null ? null : new SweepRecord(data.Name, data.SourceFile, data.Method, data.Metric, data.Goal, data.DefinitionJson);
    }

    /// <summary>Every sweep in the file with its trials counted by state, by name.</summary>
    public IReadOnlyList<SweepSummary> ListSweeps()
    {
        var (sweeps, counts) = Read(connection =>
            (connection.Query<SweepData>(ResultsSql.ListSweeps).ToList(), connection.Query<StatusCountData>(ResultsSql.CountAllByStatus).ToList()));
        return sweeps.Select(sweep => new SweepSummary(sweep.Name, sweep.Metric, sweep.Goal, sweep.SourceFile, sweep.UpdatedAt,
            Tally(counts.Where(count => count.Sweep == sweep.Name)))).ToList();
    }

    /// <summary>Every trial of the sweep in sweep order, with config, state, metrics and latest epoch.</summary>
    public IReadOnlyList<TrialRow> TrialRows(string sweepName) =>
        Read(connection => connection.Query<TrialRowData>(ResultsSql.TrialRows, new { Sweep = sweepName }).ToList()).Select(ToRow).ToList();

    /// <summary>The Completed trial that is best by the sweep's own metric and goal; null when none has that metric.</summary>
    public TrialRow? BestTrial(string sweepName)
    {
        var data = Read(connection => connection.QueryFirstOrDefault<TrialRowData>(ResultsSql.BestTrial, new { Sweep = sweepName }));
        return data is null ? null : ToRow(data);
    }

    /// <summary>
    /// The per-epoch curve of the trial's latest attempt: the read side of RecordEpoch and Mirror, through which tests
    /// check that each epoch is stored exactly once under the current claim (TrialRow only carries the latest epoch).
    /// </summary>
    public IReadOnlyList<EpochMetrics> Epochs(string trialHash) =>
        Read(connection => connection.Query<EpochData>(ResultsSql.Epochs, new { Hash = trialHash }).ToList()).Select(ToEpoch).ToList();

    /// <summary>The stored epochs of every trial of the sweep (each trial's latest attempt), in sweep order, then by epoch.</summary>
    public IReadOnlyList<SweepEpoch> SweepEpochs(string sweepName) => Read(connection =>
    {
        // A plain reader, not Dapper: a large sweep has 100,000 epochs, which `sweep ui` reads on every change of the file.
        // Columns as ResultsSql.EpochColumns lists them: hash, epoch, train_loss, val_loss, val_acc, seconds.
        using var command = connection.CreateCommand();
        command.CommandText = ResultsSql.SweepEpochs;
        command.Parameters.AddWithValue("@Sweep", sweepName);
        using var reader = command.ExecuteReader();
        var epochs = new List<SweepEpoch>();
        string? hash = null;
        while (reader.Read())
        {
            var rowHash = reader.GetString(0);
            hash = hash == rowHash ? hash : rowHash; // one string per trial kept, not one per epoch
            epochs.Add(new SweepEpoch(hash, new EpochMetrics(reader.GetInt32(1), OrNaN(reader, 2), OrNaN(reader, 3), OrNaN(reader, 4), OrNaN(reader, 5))));
        }
        return (IReadOnlyList<SweepEpoch>)epochs;
    });

    private static double OrNaN(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? double.NaN : reader.GetDouble(column);

    /// <summary>
    /// Every trial of the sweep in sweep order, as <see cref="TrialRows"/> gives it, with its code fingerprint, proposal and
    /// rung decisions; both reads in one transaction, so they see the same moment of a file a run is writing.
    /// </summary>
    public IReadOnlyList<TrialDetail> TrialDetails(string sweepName)
    {
        var (rows, details) = Read(connection =>
        {
            using var snapshot = connection.BeginTransaction(deferred: true);
            var parameters = new { Sweep = sweepName };
            return (connection.Query<TrialRowData>(ResultsSql.TrialRows, parameters, snapshot).ToList(),
                connection.Query<TrialDetailData>(ResultsSql.TrialDetails, parameters, snapshot).ToDictionary(detail => detail.Hash));
        });
        return rows.Select(row => ToDetail(ToRow(row), details[row.Hash])).ToList();
    }

    /// <summary>The trial with this full hash and the sweeps that hold it; null when no sweep holds it.</summary>
    public (TrialRow Trial, IReadOnlyList<string> Sweeps)? TrialByHash(string trialHash)
    {
        var (data, sweeps) = Read(connection => (connection.QueryFirstOrDefault<TrialRowData>(ResultsSql.TrialRowsOfHash, new { Hash = trialHash }),
            connection.Query<string>(ResultsSql.SweepsOfTrial, new { Hash = trialHash }).ToList()));
        return data is null ? null : (ToRow(data), sweeps);
    }

    /// <summary>When each sweep last saw activity (a trial started or ended, or the sweep was synced), ISO-8601 UTC, by name.</summary>
    public IReadOnlyDictionary<string, string> LastActivity() =>
        Read(connection => connection.Query<(string Sweep, string Last)>(ResultsSql.LastActivity).ToDictionary(row => row.Sweep, row => row.Last));

    /// <summary>The early-termination judgements made on the trial, in every sweep, by rung.</summary>
    public IReadOnlyList<StoredDecision> Decisions(string trialHash) =>
        Read(connection => connection.Query<(string Sweep, long Attempt, long Rung, string Metric, double? Value, double? Threshold, long Compared,
                string Decision, string Rule, string DecidedAt)>(ResultsSql.DecisionsOfTrial, new { Hash = trialHash }).ToList())
            .Select(row => new StoredDecision(row.Sweep, (int)row.Attempt, (int)row.Rung, row.Metric, row.Value, row.Threshold, (int)row.Compared,
                row.Decision, row.Rule, row.DecidedAt))
            .ToList();

    /// <summary>Releases the pooled connections, so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private void Initialise() => Use(connection =>
    {
        // Another program's database must not be touched: switching it to WAL alone would rewrite its header.
        ResultsFileErrors.RefuseForeignDatabase(Path, connection.Query<string>(ResultsSql.TableNames).ToList());

        // WAL is a property of the file, and cannot be switched inside a transaction: set it before migrating.
        var mode = connection.ExecuteScalar<string>("PRAGMA journal_mode = WAL");
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new ResultsFileException(Path, $"SQLite could not switch the results file to WAL mode (got '{mode}')", "is it on a network share?");

        // A migration that rebuilds a table must run with foreign keys off (dropping the old table would otherwise cascade
        // its deletes into epochs); they are checked before the commit and switched back on after it. The pragma is a no-op
        // inside a transaction, hence before BEGIN.
        connection.Execute("PRAGMA foreign_keys = OFF");
        try
        {
            using var transaction = BeginImmediate(connection);
            connection.Execute(ResultsSql.CreateSchemaVersion, transaction: transaction);
            var version = connection.ExecuteScalar<int>(ResultsSql.SchemaVersion, transaction: transaction);
            if (version > Migrations.Latest) throw new SchemaVersionException(Path, version, Migrations.Latest);
            foreach (var migration in Migrations.All.Where(migration => migration.Version > version))
            {
                connection.Execute(migration.Sql, transaction: transaction);
                connection.Execute(ResultsSql.InsertSchemaVersion, new { migration.Version, migration.Description }, transaction);
            }
            if (connection.Query("PRAGMA foreign_key_check", transaction: transaction).Any())
                throw new ResultsFileException(Path, "the migrated schema has rows whose references are broken", "restore the file from a backup");
            TrialResultsView.Refresh(connection, transaction);
            transaction.Commit();
            return true;
        }
        finally
        {
            connection.Execute("PRAGMA foreign_keys = ON");
        }
    });

    /// <summary>A read on its own connection (see the class comment for the faults it turns into ResultsFileException).</summary>
    private T Read<T>(Func<SqliteConnection, T> query) => Use(query);

    /// <summary>A write in one BEGIN IMMEDIATE transaction on its own connection, committed when <paramref name="work"/> returns.</summary>
    private T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work) => Use(connection =>
    {
        using var transaction = BeginImmediate(connection);
        var result = work(connection, transaction);
        transaction.Commit();
        return result;
    });

    /// <summary>
    /// Runs <paramref name="work"/> on a fresh connection; SQLite's errors become ResultsFileException, and a write lock
    /// held past the busy timeout is waited out as the class comment says. The whole call is repeated, so work must be
    /// one transaction (or only reads).
    /// </summary>
    private T Use<T>(Func<SqliteConnection, T> work)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pause = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                using var connection = Connect();
                return work(connection);
            }
            catch (SqliteException error)
            {
                if (!ResultsFileErrors.IsLock(error)) throw ResultsFileErrors.Translate(Path, error);
                if (WorkerFault is not null || clock.Elapsed + pause > lockWait)
                    throw new ResultsFileException(Path,
                        $"another program has held a write lock on it for {clock.Elapsed.TotalSeconds:0} s (SQLite: database is locked)",
                        "close that program (a sqlite3 shell in a transaction?) and run the same command again; stored results are kept", error);
                Console.Error.WriteLine($"sweep: {Path}: another program holds a write lock; retrying in {pause.TotalSeconds:0} s " +
                                        $"(waited {clock.Elapsed.TotalSeconds:0} s of {lockWait.TotalSeconds:0} s)");
                Thread.Sleep(pause);
                pause = pause * 2 < LongestLockPause ? pause * 2 : LongestLockPause;
            }
        }
    }

    /// <summary>A worker's call: its failure ends the job without an outcome, so it is kept for the run loop to end the run.</summary>
    private T AsWorker<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception error)
        {
            Interlocked.CompareExchange(ref workerFault, error, null);
            throw;
        }
    }

    /// <summary>$SWEEP_RESULTS_LOCK_WAIT (seconds, a hook for tests), else two minutes; a value that is not a number is ignored.</summary>
    private static TimeSpan LockWaitFromEnvironment() => EnvironmentSeconds.Read(LockWaitVariable, DefaultLockWait);

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

    /// <summary>The parameters of both epoch statements (the claimed upsert checks attempt and owner; the copy does not).</summary>
    private static object EpochParameters(string hash, string? worker, int attempt, EpochMetrics epoch, string? owner = null) => new
    {
        Hash = hash,
        Owner = owner,
        Attempt = attempt,
        Worker = worker,
        epoch.Epoch,
        TrainLoss = Stored(epoch.TrainLoss),
        ValLoss = Stored(epoch.ValLoss),
        ValAcc = Stored(epoch.ValAcc),
        Seconds = Stored(epoch.Seconds),
    };

    private static string? Stamp(DateTime? time) => time is { } moment ? UtcStamp.Of(moment) : null;

    /// <summary>
    /// The parameters of both outcome statements: a local claim's (code: this process's) and a remote worker's report
    /// (the code, start and finish its worker reported).
    /// </summary>
    private static object OutcomeParameters(string hash, string? worker, int attempt, TrialOutcome outcome, string? owner = null,
        string? code = null, string? startedAt = null, string? finishedAt = null) => new
    {
        Hash = hash,
        Code = owner is null ? code : CodeFingerprint.Current,
        StartedAt = startedAt,
        FinishedAt = finishedAt,
        Owner = owner,
        Attempt = attempt,
        Worker = worker,
        Status = outcome.Status.Name(),
        outcome.Error,
        Seconds = Stored(outcome.Seconds),
        outcome.EpochsDone,
        TrainLoss = Stored(outcome.TrainLoss),
        ValLoss = Stored(outcome.ValLoss),
        ValAcc = Stored(outcome.ValAcc),
        TestLoss = Stored(outcome.TestLoss),
        TestAcc = Stored(outcome.TestAcc),
    };

    /// <summary>NaN means "not reached" and ±∞ a diverged figure: both are NULL, so avg() and ORDER BY stay meaningful.</summary>
    private static double? Stored(double value) => double.IsFinite(value) ? value : null;

    private static StatusCounts Tally(IEnumerable<StatusCountData> counts) =>
        counts.Where(count => count.Status is not null)
            .Aggregate(StatusCounts.Empty, (total, count) => total.Add(StatusText.Parse(count.Status!), (int)count.Count));

    private static EpochMetrics ToEpoch(EpochData data) => new((int)data.Epoch, data.TrainLoss ?? double.NaN, data.ValLoss ?? double.NaN,
        data.ValAcc ?? double.NaN, data.Seconds ?? double.NaN);

    private static TrialDetail ToDetail(TrialRow row, TrialDetailData data) => new(row, data.Code, (int?)data.ResultsSeen, (int)data.RungDecisions,
        data.PrunedAt is { } rung
            ? new RungDecision((int)rung, data.PrunedValue ?? double.NaN, data.PrunedThreshold ?? double.NaN, (int)(data.PrunedAmong ?? 0), Stop: true)
            : null);

    private static TrialRow ToRow(TrialRowData data) => new(
        (int)data.Position, data.Hash, TrialConfig.FromCanonicalJson(data.ConfigJson), StatusText.Parse(data.Status),
        data.Error, data.Worker, (int)data.Attempt, data.StartedAt, data.FinishedAt, data.Seconds, (int?)data.EpochsDone,
        data.TrainLoss, data.ValLoss, data.ValAcc, data.TestLoss, data.TestAcc,
        (int?)data.LatestEpoch, data.LatestTrainLoss, data.LatestValLoss, data.LatestValAcc, data.Code);
}
