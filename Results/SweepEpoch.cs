namespace Sweep.Results;

/// <summary>One stored epoch of one trial of a sweep, as a learning curve draws it (null: not recorded or not finite).</summary>
public sealed record SweepEpoch(string Hash, int Epoch, double? TrainLoss, double? ValLoss, double? ValAcc);
