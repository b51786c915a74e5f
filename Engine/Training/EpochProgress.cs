namespace Sweep.Engine.Training;

/// <summary>How far an epoch has come: reported a few times per epoch so a long epoch shows it is moving.</summary>
/// <param name="Fraction">Share of the epoch's training examples seen, in (0, 1].</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches so far.</param>
public sealed record EpochProgress(int Epoch, double Fraction, double TrainLoss);
