using Sweep.Trials;

namespace Sweep.Results.Exports;

/// <summary>
/// `sweep export --trials`: a row per trial of a sweep, in sweep order. Columns: the sweep, the trial hash, every
/// hyperparameter of the parameter table (so a new one appears here untouched; values as the trial_results view shows
/// them, hidden as '256,128'), the dataset, status, error, attempt and epochs done, every metric (fractions), start and
/// finish (ISO-8601 UTC) and seconds, worker, code fingerprint, and, where a search or early termination recorded them,
/// results_seen and the rung decisions (rung_decisions, and the pruning one: pruned_at_epoch, pruned_value,
/// pruned_threshold, pruned_among). Every row has every column; a value not recorded is missing (null).
/// </summary>
public static class TrialExport
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "sweep", "hash", .. HyperParameters.Names, "dataset", "status", "error", "attempt", "epochs_done", .. Metric.Names,
        "started_at", "finished_at", "seconds", "worker", "code",
        "results_seen", "rung_decisions", "pruned_at_epoch", "pruned_value", "pruned_threshold", "pruned_among",
    ];

    public static ExportTable Build(string sweep, IReadOnlyList<TrialDetail> trials)
    {
        var table = new ExportTable(Columns);
        foreach (var trial in trials)
        {
            var row = trial.Row;
            table.Add([
                sweep, row.Hash, .. HyperParameters.All.Select(parameter => parameter.ReportValue(row.Config[parameter])), row.Config.Dataset,
                row.Status.Name(), row.Error, row.Attempt, row.EpochsDone, .. Metric.All.Select(metric => (object?)metric.ValueOf(row)),
                row.StartedAt, row.FinishedAt, row.Seconds, row.Worker, trial.Code,
                trial.ResultsSeen, trial.RungDecisions, trial.Pruned?.Rung, trial.Pruned?.Value, trial.Pruned?.Threshold, trial.Pruned?.Compared,
            ]);
        }
        return table;
    }
}
