namespace Sweep.Engine.Training;

/// <summary>Seconds per training epoch over <paramref name="Epochs"/> timed epochs after <paramref name="WarmUpEpochs"/> (<see cref="EpochBenchmark"/>).</summary>
public sealed record EpochTiming(double MedianSeconds, double FastestSeconds, double SlowestSeconds, int Epochs, int WarmUpEpochs);
