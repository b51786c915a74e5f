using System.Diagnostics;
using Spectre.Console.Cli;
using Sweep.Cli.Benchmarks;
using Sweep.Coordinator.Running;
using Sweep.Coordinator.Search;
using Sweep.Coordinator.SweepFiles;
using Sweep.Queue;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep bench search`: grid, random, bayes, random + hyperband and bayes + hyperband over one space on real MNIST,
/// each run once per sampler seed through the same run loop as `sweep run` (embedded queue, workers judging rungs),
/// each into its own results file. Prints what each method cost and found, best-so-far against epochs consumed, and
/// the two claims of the search features checked against this run's own numbers (<see cref="SearchReport"/>).
/// Exits 0 whatever the checks say: the figures are the product; exit 1 only when a trial failed.
/// </summary>
public sealed class BenchSearchCommand : Command<BenchSearchSettings>
{
    public override int Execute(CommandContext context, BenchSearchSettings settings, CancellationToken cancellation)
    {
        // Every sweep text is checked before anything trains: a space the loader refused would fail the whole bench late.
        var definitions = Enumerable.Range(1, settings.Seeds).SelectMany(seed => SearchMethod.All.Select(method =>
            (Method: method, Seed: seed, Definition: SweepFileLoader.Parse(SearchSpace.SweepText(method, seed, settings.Trials, settings.Epochs),
                $"bench search {method.Label} seed {seed}", trialsAtOnce: settings.Workers)))).ToList();
        var checksum = DataGetOnFirstUse.Identify("mnist", settings.DataDir, cancellation);
        var folder = settings.Results is null ? Directory.CreateTempSubdirectory("sweep-bench-search-").FullName : Directory.CreateDirectory(settings.Results).FullName;
        var clock = Stopwatch.StartNew();
        var runs = new List<SearchRun>();
        try
        {
            foreach (var (method, seed, definition) in definitions)
            {
                var run = Run(method, seed, definition, checksum, Path.Combine(folder, $"{method.Label}-seed{seed}.db"), settings, cancellation);
                Console.Error.WriteLine($"bench search: {method.Label} seed {seed}: {Plural.Count(run.TrialsRun, "trial")}, " +
                                        $"{Plural.Count(run.EpochsConsumed, "epoch")}, {run.Seconds:F1} s");
                runs.Add(run);
            }
        }
        finally
        {
            if (settings.Results is null) Directory.Delete(folder, recursive: true);
        }
        SearchReport.Write(runs, settings.Trials, settings.Epochs, clock.Elapsed.TotalSeconds);
        return runs.Any(run => run.Trials.Any(row => row.Status == TrialStatus.Failed)) ? ExitCodes.Failure : ExitCodes.Ok;
    }

    private static SearchRun Run(SearchMethod method, int seed, SweepDefinition definition, string checksum, string resultsFile,
        BenchSearchSettings settings, CancellationToken cancellation)
    {
        using var store = ResultsStore.Open(resultsFile);
        var searched = definition.Method == SweepMethod.Bayes;
        var planned = searched ? [] : definition.Expand(_ => checksum).Select(trial => PlannedTrial.Of(trial, checksum)).DistinctBy(trial => trial.Hash).ToList();
        var sweep = new SweepRecord(definition.Name, null, definition.Method.ToString().ToLowerInvariant(), definition.Metric.Name, definition.Goal.Name(), definition.ToJson());
        var search = searched ? new BayesProposer(definition, checksum) : null;
        var pruning = definition.EarlyTermination is { } rule ? new PruningPlan(sweep.Name, definition.Metric.Name, definition.Goal, rule) : null;
        var runner = new SweepRunner(store, new SilentRunView(), pending =>
        {
            var workers = LocalWorkers.Count(settings.Workers ?? Environment.ProcessorCount, pending);
            var trialRunner = new EngineTrialRunner(settings.DataDir, new CoreShares(Environment.ProcessorCount));
            return new EmbeddedQueue(workers, () => new TrialJob(store, trialRunner, LocalWorkers.Name));
        });
        var clock = Stopwatch.StartNew();
        runner.Run(sweep, planned, retryFailed: false, cancellation, search, pruning);
        cancellation.ThrowIfCancellationRequested();
        return new SearchRun(method, seed, store.TrialRows(sweep.Name), clock.Elapsed.TotalSeconds);
    }
}
