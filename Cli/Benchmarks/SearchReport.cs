using System.Globalization;
using Sweep.Cli.Output;
using Sweep.Coordinator.Search;
using Sweep.Engine.Training;
using Sweep.Results;
using Sweep.Results.Reports;
using Sweep.Trials;

namespace Sweep.Cli.Benchmarks;

/// <summary>
/// What `sweep bench search` prints on stdout, all from the runs it just made: per method the trials run, epochs
/// consumed, best val_acc and that trial's test_acc (median and range over seeds) and wall time; the best val_acc so far
/// at quarters of a full random run's epochs; and three checks, each with its per-seed figures and PASS or FAIL:
/// hyperband's epochs and best test_acc against the same sampled trials run in full (random, same seed: a paired
/// comparison), and how many trials bayes needs to reach random's median best.
/// </summary>
public static class SearchReport
{
    /// <summary>Hyperband must consume at most this fraction of the epochs of the same trials run in full.</summary>
    public const double HyperbandEpochShare = 0.40;

    /// <summary>Hyperband's best test_acc may be at most this many percentage points below the full run's.</summary>
    public const double HyperbandTestAccPoints = 0.2;

    /// <summary>Bayes must reach random's median best within this fraction of random's trials.</summary>
    public const double BayesTrialShare = 0.60;

    public static void Write(IReadOnlyList<SearchRun> runs, int trials, int epochs, double seconds)
    {
        var seeds = runs.Select(run => run.Seed).Distinct().Count();
        var methods = runs.Select(run => run.Method).Distinct().ToList();
        var table = new TextTable(["method", "trials run", "epochs", "best val_acc", "val_acc range", "its test_acc", "test_acc range", "seconds"],
            new HashSet<int> { 1, 2, 3, 5, 7 });
        foreach (var method in methods)
        {
            var of = runs.Where(run => run.Method == method).ToList();
            var best = of.Select(run => run.Best).ToList();
            table.AddRow(method.Label, Number(Median(of.Select(run => (double)run.TrialsRun)), "0.#"), Number(Median(of.Select(run => (double)run.EpochsConsumed)), "0.#"),
                Metric.ValAcc.Format(MedianOrNull(best.Select(row => row?.ValAcc))), Range(best.Select(row => row?.ValAcc)),
                Metric.TestAcc.Format(MedianOrNull(best.Select(row => row?.TestAcc))), Range(best.Select(row => row?.TestAcc)),
                Number(Median(of.Select(run => run.Seconds)), "F1"));
        }
        StandardStreams.Write(table, $"Search on MNIST: {Plural.Count(seeds, "sampler seed")}, random and bayes {Plural.Count(trials, "trial")} " +
            $"of {Plural.Count(epochs, "epoch")}, hyperband min_iter 1 eta 3; medians over seeds, ranges min..max");

        var full = trials * epochs;
        var marks = Enumerable.Range(1, 4).Select(quarter => full * quarter / 4).ToList();
        var curve = new TextTable(["method", "25%", "50%", "75%", "100%"], Enumerable.Range(1, marks.Count).ToHashSet());
        foreach (var method in methods)
        {
            var of = runs.Where(run => run.Method == method).ToList();
            curve.AddRow([method.Label, .. marks.Select(mark => Metric.ValAcc.Format(MedianOrNull(of.Select(run => run.BestAfter(mark)))))]);
        }
        Console.WriteLine();
        StandardStreams.Write(curve, $"Best val_acc so far against epochs consumed: after {string.Join(", ", marks)} epochs (25/50/75/100 % of a full random run; a trial counts when it ends; median over seeds)");

        Console.WriteLine();
        foreach (var line in Checks(runs)) Console.WriteLine(line);
        Console.WriteLine($"bench search: {Plural.Count(runs.Count, "run")} in {seconds:F0} s on {Plural.Count(Environment.ProcessorCount, "core")}");
    }

    private static IEnumerable<string> Checks(IReadOnlyList<SearchRun> runs)
    {
        var pairs = runs.Where(run => run.Method == SearchMethod.RandomHyperband)
            .Select(pruned => (Pruned: pruned, Full: runs.Single(run => run.Method == SearchMethod.Random && run.Seed == pruned.Seed))).ToList();
        if (pairs.Count > 0)
        {
            var shares = pairs.Select(pair => (double)pair.Pruned.EpochsConsumed / Math.Max(1, pair.Full.EpochsConsumed)).ToList();
            var share = Median(shares);
            yield return $"check hyperband epochs: random+hyperband consumed {Percent(share)} of the epochs of the same trials run in full (random; " +
                         $"per seed {string.Join(" ", shares.Select(Percent))}); median <= {Percent(HyperbandEpochShare)}: {CheckVerdict.Of(share <= HyperbandEpochShare)}";
            // Points of test_acc, paired by seed; a pruned run without a completed trial is infinitely worse.
            var differences = pairs.Select(pair => pair.Pruned.Best?.TestAcc is { } pruned && pair.Full.Best?.TestAcc is { } full
                ? (pruned - full) * 100 : double.NegativeInfinity).ToList();
            var difference = Median(differences);
            yield return $"check hyperband test_acc: best test_acc {Metric.TestAcc.Format(MedianOrNull(pairs.Select(pair => pair.Pruned.Best?.TestAcc)))} " +
                         $"against {Metric.TestAcc.Format(MedianOrNull(pairs.Select(pair => pair.Full.Best?.TestAcc)))} in full; paired difference per seed " +
                         $"{string.Join(" ", differences.Select(Points))} points; median {Points(difference)} >= -{Number(HyperbandTestAccPoints, "0.00")}: " +
                         CheckVerdict.Of(difference >= -HyperbandTestAccPoints);
        }
        var random = runs.Where(run => run.Method == SearchMethod.Random).ToList();
        var bayes = runs.Where(run => run.Method == SearchMethod.Bayes).ToList();
        if (random.Count > 0 && bayes.Count > 0 && MedianOrNull(random.Select(run => run.Best?.ValAcc)) is { } target)
        {
            var needed = bayes.Select(run => run.TrialsToReach(target)).ToList();
            var median = Median(needed.Select(count => count ?? double.PositiveInfinity));
            var randomTrials = Median(random.Select(run => (double)run.TrialsRun));
            var share = median / randomTrials;
            yield return $"check bayes trials: bayes reached random's median best val_acc {Metric.ValAcc.Format(target)} after " +
                         $"{string.Join(" ", needed.Select(count => count?.ToString(CultureInfo.InvariantCulture) ?? "never"))} trials (per seed); " +
                         $"median {(double.IsInfinity(median) ? "never" : Number(median, "0.#"))} = {Percent(share)} of random's {Number(randomTrials, "0.#")}; " +
                         $"<= {Percent(BayesTrialShare)}: {CheckVerdict.Of(share <= BayesTrialShare)}";
            // Reaching it among TPE's random startup trials is luck, not the model: say how often that was the case.
            var startup = new TpeOptions().StartupTrials;
            var lucky = needed.Count(count => count <= startup);
            if (lucky > 0)
                yield return $"  of which {lucky} of {needed.Count} within bayes' first {startup} trials, which TPE draws at random (before it models anything)";
        }
    }

    private static double Median(IEnumerable<double> values) => EpochBenchmark.Median(values.ToList());

    private static double? MedianOrNull(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToList();
        return present.Count == 0 ? null : EpochBenchmark.Median(present);
    }

    /// <summary>min..max of accuracies in percent, no spaces (one field of a plain row).</summary>
    private static string Range(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToList();
        return present.Count == 0 ? "-" : $"{Number(present.Min() * 100, "0.00")}..{Number(present.Max() * 100, "0.00")}";
    }

    private static string Percent(double fraction) => double.IsInfinity(fraction) ? "never" : Number(fraction * 100, "0") + "%";

    private static string Points(double points) => double.IsNegativeInfinity(points) ? "none" : Number(points, "+0.00;-0.00;0.00");

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
