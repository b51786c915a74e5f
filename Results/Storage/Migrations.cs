namespace Sweep.Results.Storage;

/// <summary>
/// The schema of a results file, as numbered steps. The file's version is max(version) of schema_version; opening
/// applies every newer step in one BEGIN IMMEDIATE transaction, so two processes opening a new file at once cannot
/// both apply a step.
///
/// Schema (version 1):
///   sweeps(name PK, source_file, method, metric, goal, definition_json, created_at, updated_at)
///   trials(hash PK — SHA-256 of canonical config + dataset checksum, config_json, dataset, status, error, worker,
///          attempt, created_at, started_at, finished_at, seconds, epochs_done,
///          train_loss, val_loss, val_acc, test_loss, test_acc)          — NULL metric = not reached
///   sweep_trials(sweep → sweeps, trial_hash → trials, position)  PK (sweep, trial_hash): a trial may be in many sweeps
///   epochs(trial_hash → trials, epoch, train_loss, val_loss, val_acc, seconds)  PK (trial_hash, epoch): latest attempt
///   view trial_results: one row per (sweep, trial) with one column per hyperparameter — not a step here: it is
///   generated from the parameter table and replaced whenever that changes (see <see cref="TrialResultsView"/>).
/// Version 2 adds the lease of a running trial: trials.owner (the claim's token) and trials.lease_expires_at (ISO-8601
/// UTC). A running trial without a lease (written before version 2, or copied from a remote worker that had none) counts
/// as expired. Lease columns are bookkeeping, not results: the trial_results view leaves them out.
/// Version 3 adds trials.code: the <see cref="Sweep.Trials.CodeFingerprint"/> of the code that computed the outcome
/// (NULL until there is one, and for outcomes stored before version 3); trial_results shows it as column code.
/// Version 4 adds sweeps.stop_requested_at: when `sweep stop` last asked the runs of the sweep to stop (ISO-8601 UTC; NULL:
/// never). A run stops for a request made after it started and ignores older ones, so a stop never cancels a later run.
/// started_at/finished_at are those of the attempt that produced the outcome (a remote worker's own clock for its trials).
/// Version 4 adds sweeps.stop_requested_at (`sweep stop` of an embedded run).
/// Version 5 (search) allows status 'pruned'; adds decisions(sweep, trial_hash, attempt, rung, metric, value, threshold,
/// compared, decision 'continue'|'prune', rule, decided_at), one row per rung judgement of early termination; and
/// sweep_trials.results_seen: for a trial a search proposed, how many results its proposal saw (NULL otherwise; its
/// position is its proposal order).
/// Times are ISO-8601 UTC text; status is the lowercase TrialStatus name.
/// </summary>
public static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "sweeps, trials, sweep_trials and epochs", """
            CREATE TABLE sweeps (
                name            TEXT NOT NULL PRIMARY KEY,
                source_file     TEXT,
                method          TEXT NOT NULL,
                metric          TEXT NOT NULL,
                goal            TEXT NOT NULL CHECK (goal IN ('maximize', 'minimize')),
                definition_json TEXT NOT NULL,
                created_at      TEXT NOT NULL,
                updated_at      TEXT NOT NULL
            );

            CREATE TABLE trials (
                hash        TEXT NOT NULL PRIMARY KEY,
                config_json TEXT NOT NULL,
                dataset     TEXT NOT NULL,
                status      TEXT NOT NULL DEFAULT 'pending'
                            CHECK (status IN ('pending', 'running', 'completed', 'diverged', 'failed', 'interrupted')),
                error       TEXT,
                worker      TEXT,
                attempt     INTEGER NOT NULL DEFAULT 0,
                created_at  TEXT NOT NULL,
                started_at  TEXT,
                finished_at TEXT,
                seconds     REAL,
                epochs_done INTEGER,
                train_loss  REAL,
                val_loss    REAL,
                val_acc     REAL,
                test_loss   REAL,
                test_acc    REAL
            );
            CREATE INDEX trials_by_status ON trials (status);

            CREATE TABLE sweep_trials (
                sweep      TEXT NOT NULL REFERENCES sweeps (name) ON DELETE CASCADE,
                trial_hash TEXT NOT NULL REFERENCES trials (hash),
                position   INTEGER NOT NULL,
                PRIMARY KEY (sweep, trial_hash)
            ) WITHOUT ROWID;
            CREATE INDEX sweep_trials_by_trial ON sweep_trials (trial_hash);

            CREATE TABLE epochs (
                trial_hash TEXT NOT NULL REFERENCES trials (hash) ON DELETE CASCADE,
                epoch      INTEGER NOT NULL,
                train_loss REAL,
                val_loss   REAL,
                val_acc    REAL,
                seconds    REAL,
                PRIMARY KEY (trial_hash, epoch)
            ) WITHOUT ROWID;
            """),
        new(2, "leases on running trials", """
            ALTER TABLE trials ADD COLUMN owner TEXT;
            ALTER TABLE trials ADD COLUMN lease_expires_at TEXT;
            """),
        new(3, "the code fingerprint of each outcome", "ALTER TABLE trials ADD COLUMN code TEXT;"),
        new(4, "stop requests of `sweep stop`", "ALTER TABLE sweeps ADD COLUMN stop_requested_at TEXT;"),
        // SQLite cannot alter a CHECK constraint: the trials table is rebuilt (SQLite's documented procedure; migrations run
        // with foreign keys off, and the view, regenerated after every migration, is dropped first so the rename parses).
        new(5, "search: the pruned status, rung decisions, and what each proposal saw", """
            DROP VIEW IF EXISTS trial_results;
            CREATE TABLE trials_new (
                hash             TEXT NOT NULL PRIMARY KEY,
                config_json      TEXT NOT NULL,
                dataset          TEXT NOT NULL,
                status           TEXT NOT NULL DEFAULT 'pending'
                                 CHECK (status IN ('pending', 'running', 'completed', 'diverged', 'failed', 'interrupted', 'pruned')),
                error            TEXT,
                worker           TEXT,
                attempt          INTEGER NOT NULL DEFAULT 0,
                created_at       TEXT NOT NULL,
                started_at       TEXT,
                finished_at      TEXT,
                seconds          REAL,
                epochs_done      INTEGER,
                train_loss       REAL,
                val_loss         REAL,
                val_acc          REAL,
                test_loss        REAL,
                test_acc         REAL,
                owner            TEXT,
                lease_expires_at TEXT,
                code             TEXT
            );
            INSERT INTO trials_new SELECT hash, config_json, dataset, status, error, worker, attempt, created_at, started_at,
                finished_at, seconds, epochs_done, train_loss, val_loss, val_acc, test_loss, test_acc, owner, lease_expires_at, code
            FROM trials;
            DROP TABLE trials;
            ALTER TABLE trials_new RENAME TO trials;
            CREATE INDEX trials_by_status ON trials (status);

            CREATE TABLE decisions (
                sweep      TEXT NOT NULL,
                trial_hash TEXT NOT NULL REFERENCES trials (hash) ON DELETE CASCADE,
                attempt    INTEGER NOT NULL,
                rung       INTEGER NOT NULL,
                metric     TEXT NOT NULL,
                value      REAL,
                threshold  REAL,
                compared   INTEGER NOT NULL,
                decision   TEXT NOT NULL CHECK (decision IN ('continue', 'prune')),
                rule       TEXT NOT NULL,
                decided_at TEXT NOT NULL,
                PRIMARY KEY (sweep, trial_hash, rung)
            ) WITHOUT ROWID;

            ALTER TABLE sweep_trials ADD COLUMN results_seen INTEGER;
            """),
    ];

    public static int Latest => All[^1].Version;
}
