namespace Sweep.Engine.Training;

/// <summary>
/// Seconds per training epoch over <paramref name="Epochs"/> timed epochs after <paramref name="WarmUpEpochs"/> (<see cref="EpochBenchmark"/>),
/// and the multiply-adds of the matrix products an epoch executed (their mean over the timed epochs; the input-column
/// compaction makes them vary a little from epoch to epoch).
/// </summary>
public sealed record EpochTiming(double MedianSeconds, double FastestSeconds, double SlowestSeconds, int Epochs, int WarmUpEpochs,
    double MultiplyAddsPerEpoch = 0)
{
    /// <summary>
    /// The epoch's floor: its GEMM flops (2 per multiply-add) at <paramref name="peakGflopsPerCore"/> on every one of
    /// <paramref name="threads"/> cores. Only the products count, so the gap to it is everything else plus the products'
    /// own distance from peak.
    /// </summary>
    public double FloorSeconds(double peakGflopsPerCore, int threads) => 2 * MultiplyAddsPerEpoch / (peakGflopsPerCore * 1e9 * threads);
}
