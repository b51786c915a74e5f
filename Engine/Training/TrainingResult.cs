using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>
/// The outcome of one run. Final metrics are those of the last finished epoch; test metrics are computed once at the
/// end (NaN when the run diverged or was cancelled before finishing an epoch).
/// </summary>
public sealed record TrainingResult(
    TrainingStatus Status,
    IReadOnlyList<EpochMetrics> Epochs,
    double TrainLoss,
    double ValLoss,
    double ValAcc,
    double TestLoss,
    double TestAcc,
    double Seconds,
    Network Network,
    string? Message);
