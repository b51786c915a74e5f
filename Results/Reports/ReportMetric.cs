namespace Sweep.Results.Reports;

/// <summary>A metric trials can be ranked by: its stored name, which way is better by default, and how to read it.</summary>
public sealed class ReportMetric
{
    public static readonly ReportMetric ValAcc = new("val_acc", Goal.Maximize, row => row.ValAcc);
    public static readonly ReportMetric ValLoss = new("val_loss", Goal.Minimize, row => row.ValLoss);
    public static readonly ReportMetric TestAcc = new("test_acc", Goal.Maximize, row => row.TestAcc);
    public static readonly ReportMetric TestLoss = new("test_loss", Goal.Minimize, row => row.TestLoss);
    public static readonly ReportMetric TrainLoss = new("train_loss", Goal.Minimize, row => row.TrainLoss);

    public static IReadOnlyList<ReportMetric> All { get; } = [ValAcc, ValLoss, TestAcc, TestLoss, TrainLoss];

    private readonly Func<TrialRow, double?> read;

    private ReportMetric(string name, Goal defaultGoal, Func<TrialRow, double?> read)
    {
        Name = name;
        DefaultGoal = defaultGoal;
        this.read = read;
    }

    public string Name { get; }

    public Goal DefaultGoal { get; }

    public double? ValueOf(TrialRow row) => read(row);

    /// <summary>Accuracies are fractions in the results file, CSV and JSON; people read them as percentages.</summary>
    public bool IsAccuracy => Name.EndsWith("_acc", StringComparison.Ordinal);

    /// <summary>
    /// The one way every human-facing output prints this metric: accuracies as a percentage with two decimals (0.01 %
    /// is one image of a 10,000-image validation or test set, so nothing finer exists), losses with four decimals.
    /// A spread (std) is formatted the same way, in percentage points for an accuracy.
    /// </summary>
    public string Format(double? value) => value switch
    {
        null => ReportText.Missing,
        { } number when IsAccuracy => ReportText.Percent(number),
        { } number => ReportText.Number(number),
    };

    public static ReportMetric Parse(string name) =>
        TryParse(name) ?? throw new ArgumentException(UnknownMessage(name), nameof(name));

    public static ReportMetric? TryParse(string name) =>
        All.FirstOrDefault(metric => metric.Name == name.Trim().ToLowerInvariant());

    public static string UnknownMessage(string name) =>
        $"unknown metric '{name}': expected one of {string.Join(", ", All.Select(metric => metric.Name))}";

    public override string ToString() => Name;
}
