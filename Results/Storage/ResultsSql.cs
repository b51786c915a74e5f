using Sweep.Trials;

namespace Sweep.Results.Storage;

/// <summary>Every statement the store runs: constant text (a column named only from the fixed list of metrics), values only as parameters.</summary>
internal static class ResultsSql
{
    /// <summary>ISO-8601 UTC with milliseconds, computed by SQLite so every timestamp in a file has one clock and one format.</summary>
    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    public const string CreateSchemaVersion = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version     INTEGER NOT NULL PRIMARY KEY,
            description TEXT NOT NULL,
            applied_at  TEXT NOT NULL
        )
        """;

    /// <summary>The file's own tables and views: a results file has schema_version, a new file has none.</summary>
    public const string TableNames =
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite%' ORDER BY name";

    public const string SchemaVersion = "SELECT coalesce(max(version), 0) FROM schema_version";

    public const string TrialStatuses = "SELECT hash, status FROM trials";

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

    /// <summary>Unlinks the sweep's trials that are not in @Hashes (a JSON array): the sweep no longer lists them.</summary>
    public const string DeleteOtherSweepLinks =
        "DELETE FROM sweep_trials WHERE sweep = @Name AND trial_hash NOT IN (SELECT value FROM json_each(@Hashes))";

    /// <summary>Links a trial at its place; a trial already linked moves there and keeps what else its link records.</summary>
    public const string UpsertSweepLink = """
        INSERT INTO sweep_trials (sweep, trial_hash, position) VALUES (@Sweep, @Hash, @Position)
        ON CONFLICT (sweep, trial_hash) DO UPDATE SET position = excluded.position
        """;

    /// <summary>A proposal goes after every trial the sweep has; a trial already in the sweep keeps its place.</summary>
    public const string AppendSweepLink = """
        INSERT INTO sweep_trials (sweep, trial_hash, position, results_seen)
        VALUES (@Sweep, @Hash, (SELECT coalesce(max(position) + 1, 0) FROM sweep_trials WHERE sweep = @Sweep), @ResultsSeen)
        ON CONFLICT (sweep, trial_hash) DO NOTHING
        """;

    public const string PendingOf = "SELECT hash AS Hash, config_json AS ConfigJson FROM trials WHERE hash = @Hash AND status = 'pending'";

    public const string SweepTrialConfigs = """
        SELECT t.config_json FROM sweep_trials st JOIN trials t ON t.hash = st.trial_hash
        WHERE st.sweep = @Sweep ORDER BY st.position
        """;

    public const string SweepExists = "SELECT count(*) FROM sweeps WHERE name = @Name";

    public const string SweepTrialCount = "SELECT count(*) FROM sweep_trials WHERE sweep = @Sweep";

    /// <summary>The end of a lease that starts now and lasts @LeaseSeconds.</summary>
    private const string LeaseEnd = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+' || @LeaseSeconds || ' seconds')";

    /// <summary>A running trial whose holder renewed its lease in time: another process is training it.</summary>
    private const string LeaseIsLive = "(status = 'running' AND lease_expires_at IS NOT NULL AND lease_expires_at > " + Now + ")";

    // A running trial under a live lease belongs to another run on this file: it is left to it.
    public static readonly string ResetForRun = """
        UPDATE trials SET status = 'pending', owner = NULL, lease_expires_at = NULL
        WHERE hash IN (SELECT trial_hash FROM sweep_trials WHERE sweep = @Sweep)
          AND 
        """ + Sweep.Trials.TrialStatuses.RerunnableSql + " AND NOT " + LeaseIsLive;

    /// <summary>The sweep's running trials whose lease is live, with their worker: held by another run (or a dead process on this host).</summary>
    public static readonly string HeldTrials = """
        SELECT hash AS Hash, worker AS Worker
        FROM trials
        WHERE hash IN (SELECT trial_hash FROM sweep_trials WHERE sweep = @Sweep) AND 
        """ + LeaseIsLive;

    /// <summary>Ends a lease now: its holder's process is known to be dead.</summary>
    public const string ExpireLease = "UPDATE trials SET lease_expires_at = NULL WHERE hash = @Hash AND status = 'running'";

    /// <summary>Of these trials, the ones running under an expired lease become pending (and are returned).</summary>
    public static readonly string ResetExpired = """
        UPDATE trials SET status = 'pending', owner = NULL, lease_expires_at = NULL
        WHERE hash IN (SELECT value FROM json_each(@Hashes)) AND status = 'running' AND NOT 
        """ + LeaseIsLive + """

        RETURNING hash AS Hash, config_json AS ConfigJson
        """;

    public const string PendingTrials = """
        SELECT t.hash AS Hash, t.config_json AS ConfigJson
        FROM sweep_trials st JOIN trials t ON t.hash = st.trial_hash
        WHERE st.sweep = @Sweep AND t.status = 'pending'
        ORDER BY st.position
        """;

    // A new attempt starts clean: the previous attempt's outcome would otherwise show beside a Running status.
    // A running trial whose lease expired is taken over: its holder stopped renewing (killed, frozen, cut off).
    public static readonly string Claim = """
        UPDATE trials SET status = 'running', attempt = attempt + 1, worker = @Worker, owner = @Owner,
            lease_expires_at = 
        """ + LeaseEnd + ", started_at = " + Now + """
        ,
            finished_at = NULL, error = NULL, seconds = NULL, epochs_done = NULL, code = NULL,
            train_loss = NULL, val_loss = NULL, val_acc = NULL, test_loss = NULL, test_acc = NULL
        WHERE hash = @Hash AND (status = 'pending' OR (status = 'running' AND NOT 
        """ + LeaseIsLive + """
        ))
        RETURNING attempt
        """;

    public const string DeleteEpochs = "DELETE FROM epochs WHERE trial_hash = @Hash";

    // A remote worker's report, copied by the coordinator: a stored result (completed, diverged) is never replaced.
    private static readonly string IsNotResult = "status NOT IN " + Sweep.Trials.TrialStatuses.ResultSql;

    // Times are the attempt's as its worker reported them; a worker that reported none (older) keeps the start this file
    // saw for the same attempt, else the time it is copied. SET reads the row as it was, so "attempt = @Attempt" is the old attempt.
    private const string MirroredStart = "coalesce(@StartedAt, CASE WHEN attempt = @Attempt THEN started_at END";

    public static readonly string MirrorRunning = """
        UPDATE trials SET status = 'running', worker = @Worker, attempt = @Attempt, finished_at = NULL, error = NULL, code = NULL,
            owner = NULL, lease_expires_at = @LeaseExpires, started_at = 
        """ + MirroredStart + ", " + Now + """
        )
        WHERE hash = @Hash AND 
        """ + IsNotResult;

    public static readonly string MirrorOutcome = """
        UPDATE trials SET status = @Status, error = @Error, worker = @Worker, attempt = @Attempt, owner = NULL, code = @Code,
            lease_expires_at = NULL, started_at = 
        """ + MirroredStart + "), finished_at = coalesce(@FinishedAt, " + Now + """
        ),
            seconds = @Seconds, epochs_done = @EpochsDone, train_loss = @TrainLoss, val_loss = @ValLoss,
            val_acc = @ValAcc, test_loss = @TestLoss, test_acc = @TestAcc
        WHERE hash = @Hash AND 
        """ + IsNotResult;

    public const string InsertEpoch = """
        INSERT INTO epochs (trial_hash, epoch, train_loss, val_loss, val_acc, seconds)
        VALUES (@Hash, @Epoch, @TrainLoss, @ValLoss, @ValAcc, @Seconds)
        """;

    // Attempt and owner, not the lease: a holder whose lease lapsed but whom nobody took over still owns its work.
    private const string ClaimIsCurrent = "hash = @Hash AND status = 'running' AND attempt = @Attempt AND owner = @Owner";

    public const string Renew = "UPDATE trials SET lease_expires_at = " + LeaseEnd + " WHERE " + ClaimIsCurrent;

    public const string ClaimCurrent = "SELECT count(*) FROM trials WHERE " + ClaimIsCurrent;

    /// <summary>
    /// The values at epoch @Epoch of the sweep's other trials that reached it, in the epochs column @Metric names (matched,
    /// never pasted: only per-epoch metrics have a column there).
    /// </summary>
    /// <summary>The other trials' values of a per-epoch metric at an epoch: the epochs table has a column of each, by its name.</summary>
    public static string RungValues(Metric metric) => metric.IsPerEpoch
        ? $"""
           SELECT e.{metric.Name}
           FROM sweep_trials st JOIN epochs e ON e.trial_hash = st.trial_hash
           WHERE st.sweep = @Sweep AND e.epoch = @Epoch AND e.trial_hash <> @Hash
           """
        : throw new ArgumentException($"{metric.Name} is not recorded per epoch", nameof(metric));

    public const string UpsertDecision = """
        INSERT INTO decisions (sweep, trial_hash, attempt, rung, metric, value, threshold, compared, decision, rule, decided_at)
        VALUES (@Sweep, @Hash, @Attempt, @Rung, @Metric, @Value, @Threshold, @Compared, @Decision, @Rule, @DecidedAt)
        ON CONFLICT (sweep, trial_hash, rung) DO UPDATE SET attempt = excluded.attempt, metric = excluded.metric,
            value = excluded.value, threshold = excluded.threshold, compared = excluded.compared, decision = excluded.decision,
            rule = excluded.rule, decided_at = excluded.decided_at
        """;

    public const string Release = """
        UPDATE trials SET status = 'pending', owner = NULL, lease_expires_at = NULL WHERE 
        """ + ClaimIsCurrent;

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
        UPDATE trials SET status = @Status, error = @Error, owner = NULL, lease_expires_at = NULL, code = @Code, finished_at = 
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

    public const string RequestStop = "UPDATE sweeps SET stop_requested_at = " + Now + " WHERE name = @Name";

    public const string StopRequestedAt = "SELECT stop_requested_at FROM sweeps WHERE name = @Name";

    public const string ListSweeps = "SELECT " + SweepColumns + " FROM sweeps ORDER BY name";

    public const string CountAllByStatus = """
        SELECT st.sweep AS Sweep, t.status AS Status, count(*) AS Count
        FROM sweep_trials st JOIN trials t ON t.hash = st.trial_hash
        GROUP BY st.sweep, t.status
        """;

    private const string TrialRowSelect = """
        SELECT st.position AS Position, t.hash AS Hash, t.config_json AS ConfigJson, t.status AS Status,
               t.error AS Error, t.worker AS Worker, t.attempt AS Attempt, t.started_at AS StartedAt,
               t.finished_at AS FinishedAt, t.seconds AS Seconds, t.epochs_done AS EpochsDone,
               t.train_loss AS TrainLoss, t.val_loss AS ValLoss, t.val_acc AS ValAcc,
               t.test_loss AS TestLoss, t.test_acc AS TestAcc,
               e.epoch AS LatestEpoch, e.train_loss AS LatestTrainLoss, e.val_loss AS LatestValLoss,
               e.val_acc AS LatestValAcc, t.code AS Code
        FROM sweep_trials st
        JOIN trials t ON t.hash = st.trial_hash
        LEFT JOIN epochs e ON e.trial_hash = t.hash
                          AND e.epoch = (SELECT max(epoch) FROM epochs WHERE trial_hash = t.hash)
        """;

    public const string TrialRows = TrialRowSelect + " WHERE st.sweep = @Sweep ORDER BY st.position";

    // The metric and goal come from the sweep row, so the column is picked by CASE rather than pasted into the SQL.
    private static readonly string SweepMetric = Metric.ColumnSql("s.metric", "t");

    public static readonly string BestTrial = TrialRowSelect + """
        
        JOIN sweeps s ON s.name = st.sweep
        WHERE st.sweep = @Sweep AND t.status = 'completed' AND 
        """ + SweepMetric + """
         IS NOT NULL
        ORDER BY 
        """ + SweepMetric + """
         * (CASE s.goal WHEN 'maximize' THEN -1 ELSE 1 END), st.position
        LIMIT 1
        """;

    private const string EpochColumns = """
        e.trial_hash AS Hash, e.epoch AS Epoch, e.train_loss AS TrainLoss, e.val_loss AS ValLoss, e.val_acc AS ValAcc, e.seconds AS Seconds
        """;

    public const string Epochs = "SELECT " + EpochColumns + " FROM epochs e WHERE e.trial_hash = @Hash ORDER BY e.epoch";

    /// <summary>The epochs of every trial of the sweep, in sweep order, then by epoch.</summary>
    public const string SweepEpochs = "SELECT " + EpochColumns + """

        FROM sweep_trials st JOIN epochs e ON e.trial_hash = st.trial_hash
        WHERE st.sweep = @Sweep
        ORDER BY st.position, e.epoch
        """;

    // The judgements of the trial's current attempt in this sweep (a trial in two sweeps is judged in each); a trial
    // stops at its first prune, so the earliest is the one that pruned it.
    private const string DecisionsOfAttempt = "d.sweep = st.sweep AND d.trial_hash = st.trial_hash AND d.attempt = t.attempt";

    /// <summary>What a trial of the sweep has beyond its TrialRow: code, proposal and rung decisions.</summary>
    public const string TrialDetails = """
        SELECT st.trial_hash AS Hash, t.code AS Code, st.results_seen AS ResultsSeen,
               (SELECT count(*) FROM decisions d WHERE 
        """ + DecisionsOfAttempt + """
        ) AS RungDecisions,
               p.rung AS PrunedAt, p.value AS PrunedValue, p.threshold AS PrunedThreshold, p.compared AS PrunedAmong
        FROM sweep_trials st
        JOIN trials t ON t.hash = st.trial_hash
        LEFT JOIN decisions p ON p.sweep = st.sweep AND p.trial_hash = st.trial_hash AND p.rung =
            (SELECT min(d.rung) FROM decisions d WHERE 
        """ + DecisionsOfAttempt + """
         AND d.decision = 'prune')
        WHERE st.sweep = @Sweep
        """;

    // ---- read-only queries of `sweep ui` and `sweep report --html` --------------------------------------------

    /// <summary>The trial in every sweep that holds it (one row per sweep; the config and state are the same in each).</summary>
    public const string TrialRowsOfHash = TrialRowSelect + " WHERE t.hash = @Hash ORDER BY st.sweep";

    public const string SweepsOfTrial = "SELECT sweep FROM sweep_trials WHERE trial_hash = @Hash ORDER BY sweep";

    /// <summary>The latest time anything of the sweep's trials happened (a start, an end), or its own update.</summary>
    public const string LastActivity = """
        SELECT s.name AS Sweep, max(s.updated_at, coalesce(max(t.started_at), ''), coalesce(max(t.finished_at), '')) AS Last
        FROM sweeps s LEFT JOIN sweep_trials st ON st.sweep = s.name LEFT JOIN trials t ON t.hash = st.trial_hash
        GROUP BY s.name
        """;

    public const string DecisionsOfTrial = """
        SELECT sweep AS Sweep, attempt AS Attempt, rung AS Rung, metric AS Metric, value AS Value, threshold AS Threshold,
               compared AS Compared, decision AS Decision, rule AS Rule, decided_at AS DecidedAt
        FROM decisions WHERE trial_hash = @Hash ORDER BY sweep, rung
        """;
}
