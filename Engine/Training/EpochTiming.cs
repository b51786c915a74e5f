using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>
/// Seconds per training epoch over <paramref name="Epochs"/> timed epochs after <paramref name="WarmUpEpochs"/> (<see cref="EpochBenchmark"/>),
/// and the multiply-adds of the matrix products an epoch executed (their mean over the timed epochs; the input-column
/// compaction makes them vary a little from epoch to epoch), and the seconds each kind of pass took per timed epoch,
/// their mean, with <paramref name="RestSeconds"/> the mean epoch's time outside them; <paramref name="EpochSeconds"/> are the
/// timed epochs in the order they ran (round by round, when thread counts took turns).
/// </summary>
public sealed record EpochTiming(double MedianSeconds, double FastestSeconds, double SlowestSeconds, int Epochs, int WarmUpEpochs,
    double MultiplyAddsPerEpoch = 0, IReadOnlyDictionary<TrainingPass, double>? PassSeconds = null, double RestSeconds = 0,
    IReadOnlyList<double>? EpochSeconds = null)
{
    public IReadOnlyList<double> EpochSeconds { get; init; } = EpochSeconds ?? [];
}
