namespace Sweep.Engine.Training;

/// <summary>Mean cross-entropy and accuracy over a dataset; Confusion[label, predicted] counts examples.</summary>
public sealed record Evaluation(double Loss, double Accuracy, int Count, int[,] Confusion);
