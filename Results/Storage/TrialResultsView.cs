using Dapper;
using Microsoft.Data.Sqlite;
using Sweep.Trials;

namespace Sweep.Results.Storage;

/// <summary>
/// The trial_results view users query with plain SQL: one row per (sweep, trial), one column per entry of the
/// parameter table. It is generated from the table, not written by a migration step, and replaced on open whenever
/// the stored text differs — so a new hyperparameter appears as a column in every results file, old ones included.
/// </summary>
public static class TrialResultsView
{
    public static string Sql { get; } = Generate();

    /// <summary>Creates or replaces the view inside the opening transaction when its text is not <see cref="Sql"/>.</summary>
    public static void Refresh(SqliteConnection connection, SqliteTransaction transaction)
    {
        var stored = connection.ExecuteScalar<string?>("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'trial_results'", transaction: transaction);
        if (stored == Sql) return;
        connection.Execute("DROP VIEW IF EXISTS trial_results", transaction: transaction);
        connection.Execute(Sql, transaction: transaction);
    }

    // No aggregate ORDER BY (SQLite 3.44): the view must also open in older sqlite3 shells (Debian 12 has 3.40).
    private static string Generate()
    {
        string[] trialColumns =
        [
            "st.sweep AS sweep", "st.position AS position", "t.hash AS hash", "t.status AS status", "t.error AS error",
            "t.worker AS worker", "t.attempt AS attempt", "t.seconds AS seconds", "t.epochs_done AS epochs_done",
            "t.train_loss AS train_loss", "t.val_loss AS val_loss", "t.val_acc AS val_acc", "t.test_loss AS test_loss",
            "t.test_acc AS test_acc", "t.code AS code",
        ];
        var columns = trialColumns.Concat(HyperParameters.All.Select(parameter => $"{Column(parameter)} AS {parameter.Name}")).Append("t.dataset AS dataset");
        return "CREATE VIEW trial_results AS\nSELECT " + string.Join(",\n       ", columns) +
               "\nFROM sweep_trials st\nJOIN trials t ON t.hash = st.trial_hash";
    }

    /// <summary>
    /// The column as reports show it. A parameter missing from a trial's JSON (added after the trial was stored) reads
    /// as its default. Reals are cast to REAL: canonical JSON writes 1.0 as 1, which json_extract reads as an integer.
    /// Widths read as the --hidden syntax, easy to filter on: 'none', '500', '256,128'; layers as the --layers one:
    /// 'none', 'conv5x5:32,pool2,fc:500'.
    /// </summary>
    private static string Column(HyperParameter parameter)
    {
        var value = $"json_extract(t.config_json, '$.{parameter.Name}')";
        var fallback = parameter.Text(parameter.DefaultValue);
        return parameter.Kind switch
        {
            ParameterKind.Real => $"CAST(coalesce({value}, {fallback}) AS REAL)",
            ParameterKind.Integer => $"coalesce({value}, {fallback})",
            ParameterKind.Widths => $"coalesce(nullif(trim({value}, '[]'), ''), 'none')",
            // A layer's text has no quote or comma of its own: ["conv5x5:32","pool2"] reads conv5x5:32,pool2.
            ParameterKind.Layers => $"coalesce(nullif(replace(trim({value}, '[]'), '\"', ''), ''), 'none')",
            _ => $"coalesce({value}, '{fallback}')",
        };
    }
}
