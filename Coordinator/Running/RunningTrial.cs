namespace Sweep.Coordinator.Running;

/// <summary>A trial in progress as the terminal shows it; Epoch is 0 until its first epoch is stored.</summary>
public sealed record RunningTrial(string Hash, string Parameters, int Epoch, int Epochs, double ValAcc);
