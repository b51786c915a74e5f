using System.Globalization;
using Spectre.Console.Cli;
using Sweep.Engine.Model;
using Sweep.Results;
using Sweep.Results.Reports;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep export-model SWEEP [--rank N] -o FILE`: copies the kept model of the sweep's rank-N completed trial (see
/// <see cref="ModelRanking"/>) from results.db.models/ to FILE, atomically (a temporary file renamed), after checking
/// that it reads as a model. Every reason there is none (unknown sweep, rank past the completed trials, keep_models 0,
/// rank past keep_models, the file gone) is bad input, exit 2, and FILE is not written.
/// </summary>
public sealed class ExportModelCommand : Command<ExportModelSettings>
{
    public override int Execute(CommandContext context, ExportModelSettings settings, CancellationToken cancellation)
    {
        var output = settings.Output!;
        SavePath.CheckWritable(output, "-o");
        using var store = ResultsLocation.OpenExisting(settings.Results);
        var sweep = StoredSweep.Require(store, settings.Sweep);
        var trial = RankedTrial(store, sweep, settings.Rank);
        var models = FolderCheckpointStore.ModelsBesideResults(store.Path);
        var path = models.PathOf(trial.Hash);
        if (!File.Exists(path))
            throw new UsageException($"--rank {settings.Rank}: trial {TrialHashText.Short(trial.Hash)} of sweep {sweep.Name} has no kept model " +
                                     $"({path} is missing: the trial completed in a run without keep_models, or the file was removed)");
        ModelFile.Load(path); // a damaged model is refused here, naming the kept file, rather than exported
        ModelFile.Write(output, File.ReadAllBytes(path));
        var metric = ReportOptions.For(sweep).Metric;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep export-model {sweep.Name}: rank {settings.Rank}, trial {TrialHashText.Short(trial.Hash)} ({metric.Name} {metric.ValueOf(trial):G6}) → {Path.GetFullPath(output)}"));
        return ExitCodes.Ok;
    }

    /// <summary>The rank-N completed trial whose model the sweep keeps; else why not, as bad input.</summary>
    private static TrialRow RankedTrial(ResultsStore store, SweepRecord sweep, int rank)
    {
        var ranked = ModelRanking.Ranked(sweep, store.TrialRows(sweep.Name));
        var keep = ModelRanking.KeepModels(sweep);
        if (keep == 0)
            throw new UsageException($"sweep {sweep.Name} keeps no models (keep_models was 0); add keep_models: N to its sweep file " +
                                     "and run it again (trials that already completed keep none)");
        if (rank > ranked.Count)
            throw new UsageException($"--rank {rank}: sweep {sweep.Name} has {Plural.Count(ranked.Count, "completed trial")} ranked by {sweep.Metric}");
        if (rank > keep)
            throw new UsageException($"--rank {rank}: not among the best {keep} kept (sweep {sweep.Name} has keep_models: {keep})");
        return ranked[rank - 1];
    }
}
