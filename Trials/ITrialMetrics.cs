namespace Sweep.Trials;

/// <summary>The final metrics of a trial as stored (null = not reached, or not finite); a <see cref="Metric"/> reads one of them.</summary>
public interface ITrialMetrics
{
    double? TrainLoss { get; }
    double? ValLoss { get; }
    double? ValAcc { get; }
    double? TestLoss { get; }
    double? TestAcc { get; }
}
