using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Coordinator.Search;

/// <summary>A running trial's last recorded epoch, read as metrics (the test metrics come only at the end).</summary>
public sealed record LatestMetrics(TrialRow Row) : ITrialMetrics
{
    public double? TrainLoss => Row.LatestTrainLoss;
    public double? ValLoss => Row.LatestValLoss;
    public double? ValAcc => Row.LatestValAcc;
    public double? TestLoss => null;
    public double? TestAcc => null;
}
