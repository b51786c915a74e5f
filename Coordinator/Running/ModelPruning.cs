using Sweep.Results;
using Sweep.Results.Reports;
using Sweep.Trials;

namespace Sweep.Coordinator.Running;

/// <summary>
/// The end of a run of a sweep with keep_models: N. Workers keep the model of every completed trial (they cannot know
/// the final ranking); this keeps the best N (<see cref="ModelRanking"/>) in the folder beside the results file,
/// copying each from the queue's database when a remote worker put it there, and deletes the others — except models of
/// trials that also belong to another sweep with keep_models, which that sweep's runs decide about. The folder is the
/// one place `sweep export-model` reads, so a results file and its folder are the whole record of a sweep, with no
/// queue needed afterwards. A run stopped early prunes to the best N so far; a later run can only rank new trials
/// above them, never bring a deleted one back into the top N.
/// </summary>
public static class ModelPruning
{
    /// <param name="remote">The queue's model store in a distributed run; null when embedded.</param>
    /// <returns>How many of the best N have their model in the folder.</returns>
    public static int Apply(ResultsStore store, SweepRecord sweep, int keep, ICheckpointStore folder, ICheckpointStore? remote)
    {
        var rows = store.TrialRows(sweep.Name);
        var best = ModelRanking.Ranked(sweep, rows).Take(keep).Select(row => row.Hash).ToHashSet(StringComparer.Ordinal);
        var shared = SharedWithOtherKeepers(store, sweep.Name);
        var kept = 0;
        foreach (var hash in rows.Select(row => row.Hash))
        {
            if (best.Contains(hash))
            {
                if (folder.Load(hash) is null && remote?.Load(hash) is { } model) folder.Save(hash, model);
                if (folder.Load(hash) is not null) kept++;
            }
            else if (!shared.Contains(hash))
            {
                folder.Delete(hash);
            }
            // Once in the folder (or not wanted), the queue's copy has served its purpose.
            if (remote is not null && !shared.Contains(hash)) remote.Delete(hash);
        }
        return kept;
    }

    private static HashSet<string> SharedWithOtherKeepers(ResultsStore store, string sweepName) =>
        store.ListSweeps()
            .Where(summary => summary.Name != sweepName)
            .Select(summary => store.GetSweep(summary.Name))
            .Where(other => other is not null && ModelRanking.KeepModels(other) > 0)
            .SelectMany(other => store.TrialRows(other!.Name).Select(row => row.Hash))
            .ToHashSet(StringComparer.Ordinal);
}
