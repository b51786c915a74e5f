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
///   view trial_results: one row per (sweep, trial) with one column per hyperparameter.
/// Times are ISO-8601 UTC text; status is the lowercase TrialStatus name.
/// </summary>
public static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "sweeps, trials, sweep_trials, epochs and the trial_results view", """
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

            -- hidden is text easy to filter on: 'none' (softmax regression), '500', '256,128' — the --hidden syntax.
            -- lr, lambda and momentum are cast to REAL: canonical JSON writes 1.0 as 1, which json_extract reads as an integer.
            -- No aggregate ORDER BY (SQLite 3.44): the view must also open in older sqlite3 shells (Debian 12 has 3.40).
            CREATE VIEW trial_results AS
            SELECT st.sweep                                    AS sweep,
                   st.position                                 AS position,
                   t.hash                                      AS hash,
                   t.status                                    AS status,
                   t.error                                     AS error,
                   t.worker                                    AS worker,
                   t.attempt                                   AS attempt,
                   t.seconds                                   AS seconds,
                   t.epochs_done                               AS epochs_done,
                   t.train_loss                                AS train_loss,
                   t.val_loss                                  AS val_loss,
                   t.val_acc                                   AS val_acc,
                   t.test_loss                                 AS test_loss,
                   t.test_acc                                  AS test_acc,
                   CAST(json_extract(t.config_json, '$.lr') AS REAL)         AS lr,
                   CAST(json_extract(t.config_json, '$.lambda') AS REAL)     AS lambda,
                   coalesce(nullif(trim(json_extract(t.config_json, '$.hidden'), '[]'), ''), 'none') AS hidden,
                   json_extract(t.config_json, '$.batch')      AS batch,
                   json_extract(t.config_json, '$.epochs')     AS epochs,
                   json_extract(t.config_json, '$.seed')       AS seed,
                   CAST(json_extract(t.config_json, '$.momentum') AS REAL)   AS momentum,
                   json_extract(t.config_json, '$.init')       AS init,
                   json_extract(t.config_json, '$.lr_schedule') AS lr_schedule,
                   json_extract(t.config_json, '$.val_size')   AS val_size,
                   t.dataset                                   AS dataset
            FROM sweep_trials st
            JOIN trials t ON t.hash = st.trial_hash;
            """),
    ];

    public static int Latest => All[^1].Version;
}
