namespace Sweep.Engine.Training;

/// <summary>
/// One epoch's figures. TrainLoss is the mean over the epoch's batches of cross-entropy + 0.5·λ·‖W‖² (what the
/// optimiser minimises); ValLoss is the mean cross-entropy on the validation set (NaN when it is empty).
/// </summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double ValLoss, double ValAcc, double Seconds);
