namespace Sweep.Results;

/// <summary>
/// One stored epoch of one trial of a sweep, as a learning curve draws it (null: not recorded or not finite). The trial is
/// named by its position in the sweep (<see cref="TrialRow.Position"/>), not its hash: a large sweep has 100,000 epochs.
/// </summary>
public sealed record SweepEpoch(int Position, int Epoch, double? TrainLoss, double? ValLoss, double? ValAcc);
