namespace Sweep.Scheduler.SweepFiles;

/// <summary>The metrics a trial records; a sweep ranks its trials by one of them.</summary>
public static class SweepMetrics
{
    public static readonly IReadOnlyList<string> Names = ["val_acc", "val_loss", "test_acc", "test_loss", "train_loss"];

    /// <summary>Accuracies are maximised, losses minimised.</summary>
    public static MetricGoal DefaultGoal(string name) =>
        name.EndsWith("_acc", StringComparison.Ordinal) ? MetricGoal.Maximize : MetricGoal.Minimize;
}
