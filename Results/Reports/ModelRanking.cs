using System.Text.Json.Nodes;
using Sweep.Trials;

namespace Sweep.Results.Reports;

/// <summary>
/// Which trials' models a sweep keeps (keep_models) and in which order `sweep export-model --rank N` finds them: its
/// completed trials that reached the sweep's metric, best first by that metric and goal, ties in sweep order — the
/// order of `sweep report` when each configuration has one seed (the report averages seeds; a model is one trial's).
/// </summary>
public static class ModelRanking
{
    /// <summary>The sweep's completed trials, best first.</summary>
    public static IReadOnlyList<TrialRow> Ranked(SweepRecord sweep, IReadOnlyList<TrialRow> rows)
    {
        var options = ReportOptions.For(sweep);
        var sign = options.Goal == Goal.Maximize ? -1 : 1;
        return rows.Where(row => row.Status == TrialStatus.Completed && options.Metric.ValueOf(row) is not null)
            .OrderBy(row => sign * options.Metric.ValueOf(row)!.Value)
            .ThenBy(row => row.Position)
            .ToList();
    }

    /// <summary>keep_models of the sweep's stored definition; 0 for a sweep stored before the key existed.</summary>
    public static int KeepModels(SweepRecord sweep) =>
        JsonNode.Parse(sweep.DefinitionJson)?["keep_models"]?.GetValue<int>() ?? 0;
}
