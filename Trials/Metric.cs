using System.Globalization;

namespace Sweep.Trials;

/// <summary>
/// A metric a trial records and a sweep ranks by: its name (also its column in the results file), which way is better
/// by default, how to read it from a stored trial and how people see it. The one list of metrics: sweep files, the
/// results file's SQL, reports and the run's progress all take it from here.
/// </summary>
public sealed class Metric
{
    public static readonly Metric ValAcc = new("val_acc", metrics => metrics.ValAcc, perEpoch: true);
    public static readonly Metric ValLoss = new("val_loss", metrics => metrics.ValLoss, perEpoch: true);
    public static readonly Metric TestAcc = new("test_acc", metrics => metrics.TestAcc, perEpoch: false);
    public static readonly Metric TestLoss = new("test_loss", metrics => metrics.TestLoss, perEpoch: false);
    public static readonly Metric TrainLoss = new("train_loss", metrics => metrics.TrainLoss, perEpoch: true);

    public static IReadOnlyList<Metric> All { get; } = [ValAcc, ValLoss, TestAcc, TestLoss, TrainLoss];

    /// <summary>The metrics every epoch records (the test metrics come only after the last epoch).</summary>
    public static IReadOnlyList<Metric> PerEpoch { get; } = All.Where(metric => metric.IsPerEpoch).ToArray();

    public static IReadOnlyList<string> Names { get; } = All.Select(metric => metric.Name).ToArray();

    /// <summary>What a missing value prints as.</summary>
    public const string Missing = "-";

    private readonly Func<ITrialMetrics, double?> read;

    private Metric(string name, Func<ITrialMetrics, double?> read, bool perEpoch)
    {
        Name = name;
        this.read = read;
        IsPerEpoch = perEpoch;
    }

    /// <summary>
    /// The name in sweep files, options and outputs; also the column of the trials table holding it, and of the epochs
    /// table for a per-epoch metric.
    /// </summary>
    public string Name { get; }

    /// <summary>Every epoch records it, so an epoch (a rung, a running trial's progress) has a value of it.</summary>
    public bool IsPerEpoch { get; }

    /// <summary>Accuracies are fractions in the results file, CSV and JSON; people read them as percentages.</summary>
    public bool IsAccuracy => Name.EndsWith("_acc", StringComparison.Ordinal);

    /// <summary>Accuracies are maximised, losses minimised.</summary>
    public Goal DefaultGoal => IsAccuracy ? Goal.Maximize : Goal.Minimize;

    public double? ValueOf(ITrialMetrics metrics) => read(metrics);

    /// <summary>The value at one epoch; null for a metric measured only after the last epoch.</summary>
    public double? ValueAt(Engine.Training.EpochMetrics epoch) => IsPerEpoch ? read(new EpochOnlyMetrics(epoch)) : null;

    /// <summary>An epoch's metrics, read as a trial's: the test metrics do not exist yet.</summary>
    private sealed record EpochOnlyMetrics(Engine.Training.EpochMetrics Epoch) : ITrialMetrics
    {
        public double? TrainLoss => Epoch.TrainLoss;
        public double? ValLoss => Epoch.ValLoss;
        public double? ValAcc => Epoch.ValAcc;
        public double? TestLoss => null;
        public double? TestAcc => null;
    }

    /// <summary>
    /// The one way every human-facing output prints this metric: accuracies as a percentage with two decimals (0.01 %
    /// is one image of a 10,000-image validation or test set, so nothing finer exists), losses with four decimals.
    /// A spread (std) is formatted the same way, in percentage points for an accuracy.
    /// </summary>
    public string Format(double? value) => value switch
    {
        null => Missing,
        { } number when IsAccuracy => Percent(number),
        { } number => Number(number),
    };

    private static string Number(double number) => number.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with two decimals: 0.97606 → "97.61%".</summary>
    private static string Percent(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>The metric spelled exactly as stored and as sweep files write it; null for anything else.</summary>
    public static Metric? Named(string name) => All.FirstOrDefault(metric => metric.Name == name);

    /// <summary>A metric as typed on a command line: surrounding spaces and case do not matter.</summary>
    public static Metric? TryParse(string text) => Named(text.Trim().ToLowerInvariant());

    public static Metric Parse(string text) =>
        TryParse(text) ?? throw new ArgumentException(UnknownMessage(text), nameof(text));

    public static string UnknownMessage(string name) => $"unknown metric '{name}': expected one of {string.Join(", ", Names)}";

    /// <summary>
    /// SQL picking the column of the metric named by <paramref name="nameExpression"/> from the trials table
    /// <paramref name="trials"/> (NULL for an unknown name): the name comes from a row, so it is matched, never pasted.
    /// </summary>
    public static string ColumnSql(string nameExpression, string trials) =>
        $"(CASE {nameExpression} {string.Join(" ", All.Select(metric => $"WHEN '{metric.Name}' THEN {trials}.{metric.Name}"))} END)";

    public override string ToString() => Name;
}
