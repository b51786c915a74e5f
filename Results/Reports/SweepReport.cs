using Sweep.Trials;

namespace Sweep.Results.Reports;

/// <summary>
/// What a sweep found, computed from its trial rows and nothing else (so it is testable without a database):
/// configurations ranked by mean metric over seeds, the best one, marginal means per hyperparameter, and the trials
/// that could not be ranked. Completed trials that reached the metric are ranked, then pruned ones (by the value at the
/// epoch they were stopped), below every completed configuration; every state shows in Counts.
/// Non-goals: significance tests, plots.
/// </summary>
public sealed record SweepReport(
    string Sweep,
    Metric Metric,
    Goal Goal,
    StatusCounts Counts,
    int RankedTrials,
    int GroupCount,
    IReadOnlyList<string> VaryingParameters,
    IReadOnlyList<ReportGroup> Groups,
    ReportGroup? Best,
    IReadOnlyList<Marginal> Marginals,
    IReadOnlyList<UnrankedTrial> Failures)
{
    /// <summary>Averaged over, never a column of its own: repeats of a configuration differ only by seed.</summary>
    private const string SeedParameter = "seed";

    public static SweepReport Build(SweepRecord sweep, IReadOnlyList<TrialRow> rows, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);

        var counts = rows.Aggregate(StatusCounts.Empty, (total, row) => total.Add(row.Status, 1));
        var ranked = rows.Where(row => row.Status is TrialStatus.Completed or TrialStatus.Pruned && options.Metric.ValueOf(row) is not null).ToList();
        // Each row's values once: a 10,000-trial sweep (`sweep ui`) would otherwise rebuild them per parameter and per bin.
        var values = new Dictionary<TrialRow, SortedDictionary<string, object>>(ReferenceEqualityComparer.Instance);
        foreach (var row in rows) values[row] = ParameterValues.Of(row.Config);
        var valuesOf = (TrialRow row) => values[row];
        var varying = TrialConfig.ParameterNames
            .Where(name => name != SeedParameter)
            .Where(name => rows.Select(row => valuesOf(row)[name]).Distinct().Count() > 1)
            .ToList();

        var groups = RankGroups(ranked, options);
        var failures = rows
            .Where(row => row.Status is TrialStatus.Failed or TrialStatus.Diverged)
            .Select(row => new UnrankedTrial(row.Hash, row.Status, row.Error, WithoutSeed(row.Config)))
            .ToList();

        return new SweepReport(
            sweep.Name,
            options.Metric,
            options.Goal,
            counts,
            ranked.Count,
            groups.Count,
            varying,
            options.Top is { } top ? groups.Take(top).ToList() : groups,
            groups.Count > 0 ? groups[0] : null,
            // Means over fully trained trials only: a pruned trial's value is from an earlier epoch.
            MarginalsOf(rows, ranked.Where(row => row.Status == TrialStatus.Completed).ToList(), varying, options.Metric, valuesOf),
            failures);
    }

    private static List<ReportGroup> RankGroups(List<TrialRow> ranked, ReportOptions options)
    {
        var sign = options.Goal == Goal.Maximize ? -1 : 1;
        return ranked
            .GroupBy(row => (row.Config with { Seed = 0 }).ToCanonicalJson(), StringComparer.Ordinal)
            .Select(group => group.OrderBy(row => row.Position).ToList())
            .Select(trials => (Trials: trials, Values: trials.Select(row => options.Metric.ValueOf(row)!.Value).ToList()))
            // A configuration with a pruned trial ranks below every fully trained one; ties keep sweep order, so the same
            // rows always give the same report.
            .OrderBy(group => group.Trials.Any(row => row.Status == TrialStatus.Pruned) ? 1 : 0)
            .ThenBy(group => sign * group.Values.Average())
            .ThenBy(group => group.Trials[0].Position)
            .Select((group, index) => new ReportGroup(
                index + 1,
                WithoutSeed(group.Trials[0].Config),
                group.Trials.Select(row => row.Config.Seed).Order().ToList(),
                group.Trials.Count,
                group.Values.Average(),
                SampleStd(group.Values),
                Metric.All.ToDictionary(metric => metric.Name, metric => Mean(group.Trials.Select(metric.ValueOf))),
                Mean(group.Trials.Select(row => row.Seconds)),
                group.Trials.Select(row => row.Hash).ToList(),
                group.Trials[0].Config))
            .ToList();
    }

    /// <summary>A continuous parameter with more distinct values than this (a random sweep's draws) is binned.</summary>
    private const int MarginalBins = 4;

    private static List<Marginal> MarginalsOf(IReadOnlyList<TrialRow> rows, List<TrialRow> ranked, List<string> varying, Metric metric,
        Func<TrialRow, SortedDictionary<string, object>> valuesOf) =>
        varying.Select(name =>
            {
                var distinct = rows.Select(row => valuesOf(row)[name]).Distinct()
                    .Order(Comparer<object>.Create(ParameterValues.Compare)).ToList();
                var metricOf = (Func<object, bool> matches) => ranked.Where(row => matches(valuesOf(row)[name]))
                    .Select(row => metric.ValueOf(row)!.Value).ToList();
                return new Marginal(name, distinct.All(value => value is double) && distinct.Count > 2 * MarginalBins
                    ? QuantileBins(distinct.Cast<double>().ToList(), metricOf)
                    : distinct.Select(value => Marginal(value, metricOf(value.Equals))).ToList());
            })
            .ToList();

    /// <summary>
    /// Equal-count bins of the sorted distinct values, each labelled by the lowest and highest value in it: one row per
    /// random draw would be as long as the ranking and say nothing about the trend.
    /// </summary>
    private static List<MarginalValue> QuantileBins(List<double> sorted, Func<Func<object, bool>, List<double>> metricOf) =>
        Enumerable.Range(0, MarginalBins)
            .Select(bin => sorted.Where((_, index) => index * MarginalBins / sorted.Count == bin).ToList())
            .Select(members =>
            {
                var (low, high) = (members[0], members[^1]);
                var values = metricOf(value => (double)value >= low && (double)value <= high);
                return Marginal($"{ParameterValues.Display(low)}..{ParameterValues.Display(high)}", values) with { Low = low, High = high };
            })
            .ToList();

    private static MarginalValue Marginal(object value, List<double> values) =>
        new(value, values.Count > 0 ? values.Average() : null, values.Count);

    private static SortedDictionary<string, object> WithoutSeed(TrialConfig config)
    {
        var parameters = ParameterValues.Of(config);
        parameters.Remove(SeedParameter);
        return parameters;
    }

    /// <summary>Sample standard deviation (n − 1): the seeds are a sample of all seeds. Null for a single value.</summary>
    private static double? SampleStd(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return null;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Count - 1));
    }

    private static double? Mean(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToList();
        return present.Count > 0 ? present.Average() : null;
    }
}
