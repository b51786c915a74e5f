using System.Runtime;
using Sweep.Engine.Data;
using Sweep.Engine.Kernels;
using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>
/// Times training epochs for `sweep bench engine` as a sweep experiences them, once tiered JIT has settled: untimed
/// warm-up epochs go on until one epoch during which the runtime compiled no method (the first epochs run tier-0 and
/// instrumented code while tier-1 versions are compiled in the background), at least <see cref="MinWarmUpEpochs"/>
/// and at most <see cref="MaxWarmUpEpochs"/>. Then the MEDIAN of the timed epochs, which one noisy epoch on a shared
/// machine cannot move, with the fastest and slowest beside it, the multiply-adds the timed epochs executed, and the
/// time of each kind of pass (<see cref="PassProfile"/>).
/// <para>
/// Several thread counts are timed in ONE training run whose epochs take turns (rounds of one epoch per count, in
/// order, then in reverse: 1, 2, 2, 1, 1, 2 …; a trial's threads may change between batches with the same bits), so
/// that the epochs compared ran minutes, not a whole measurement, apart: on a machine whose second core is fast one
/// minute and slow the next, timing each count in its own run compared different machines.
/// </para>
/// </summary>
public static class EpochBenchmark
{
    public const int MinWarmUpEpochs = 2;
    public const int MaxWarmUpEpochs = 6;

    /// <param name="optimizer">SGD at lr 0.1, or another optimiser at a rate it trains with (Adam's usual 1e-3).</param>
    public static EpochTiming Measure(DataSplits data, IReadOnlyList<int> hidden, int threads, int timedEpochs,
        CancellationToken cancellation = default, OptimizerKind optimizer = OptimizerKind.Sgd) =>
        Measure(data, hidden, [threads], timedEpochs, cancellation, optimizer)[0];

    /// <summary>A timing per thread count, in the order given, from one run whose epochs take turns between the counts.</summary>
    public static EpochTiming[] Measure(DataSplits data, IReadOnlyList<int> hidden, IReadOnlyList<int> threadCounts, int timedEpochs,
        CancellationToken cancellation = default, OptimizerKind optimizer = OptimizerKind.Sgd) =>
        Measure(data, new TrainingOptions
        {
            Hidden = hidden, Optimizer = optimizer, LearningRate = optimizer == OptimizerKind.Sgd ? 0.1 : 1e-3,
        }, threadCounts, timedEpochs, cancellation);

    /// <summary>A network spec with convolutions (<see cref="LayerSpec"/>), trained as it would be: He initialisation, SGD at lr 0.05 with momentum 0.9.</summary>
    public static EpochTiming[] Measure(DataSplits data, IReadOnlyList<LayerSpec> layers, IReadOnlyList<int> threadCounts, int timedEpochs,
        CancellationToken cancellation = default) =>
        Measure(data, new TrainingOptions { Layers = layers, Init = WeightInit.He, LearningRate = 0.05, Momentum = 0.9 },
            threadCounts, timedEpochs, cancellation);

    /// <summary>
    /// Round by round, how many times faster the epoch at <paramref name="threads"/> was than the one at
    /// <paramref name="baseline"/> in the same round (<see cref="EpochTiming.EpochSeconds"/> of one <see cref="Measure(DataSplits, IReadOnlyList{int}, IReadOnlyList{int}, int, CancellationToken, OptimizerKind)"/>).
    /// </summary>
    public static double[] SpeedUps(EpochTiming baseline, EpochTiming threads) =>
        baseline.EpochSeconds.Zip(threads.EpochSeconds, (slow, fast) => slow / fast).ToArray();

    /// <summary>
    /// Flops (2 per multiply-add) of the GEMMs one training epoch over <paramref name="examples"/> runs: per parameter
    /// layer the forward product, the weight gradient and, past the first layer, the input gradient. A convolution's
    /// products are per output pixel; the zero-column skip of an fc first layer is not counted (it varies with the data).
    /// </summary>
    public static double GemmFlopsPerEpoch(IReadOnlyList<LayerSpec> layers, ImageShape input, int classes, int examples)
    {
        var flops = 0.0;
        var stages = NetworkStage.Plan(input, layers, classes);
        for (var s = 0; s < stages.Length; s++)
        {
            var stage = stages[s];
            if (!stage.HasParameters) continue;
            var rows = stage.Kind == LayerKind.Convolution ? stage.Output.Height * stage.Output.Width : 1;
            flops += (s == 0 ? 2 : 3) * 2.0 * rows * stage.FanIn * stage.FanOut;
        }
        return flops * examples;
    }

    private static EpochTiming[] Measure(DataSplits data, TrainingOptions options, IReadOnlyList<int> threadCounts, int timedEpochs,
        CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timedEpochs, 1);
        if (threadCounts.Count == 0 || threadCounts.Any(threads => threads < 1))
            throw new ArgumentException($"thread counts must be one or more numbers >= 1 (got [{string.Join(", ", threadCounts)}])", nameof(threadCounts));
        var counts = threadCounts.Count;
        // Enough epochs for the longest warm-up and every round; the run is cancelled once the last round ends.
        options = options with { Epochs = MaxWarmUpEpochs + counts * timedEpochs, Threads = threadCounts.Max() };
        using var enough = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var share = new ThreadShare(threadCounts[0]);
        var running = 0; // the index of the count the current epoch runs at
        var warmUp = 0;
        var settled = false;
        var timed = 0; // timed epochs so far, over all counts
        var compiled = JitInfo.GetCompiledMethodCount();
        var seconds = threadCounts.Select(_ => new List<double>()).ToArray();
        // The trainer runs on this thread and so asks for every product here, whichever threads run them.
        var multiplyAdds = Gemm.MultiplyAddsOnThisThread;
        var timedMultiplyAdds = new long[counts];
        var passes = Enum.GetValues<TrainingPass>();
        var passSeconds = new double[counts, passes.Length];
        var profile = new PassProfile();
        var outerProfile = PassProfile.Current;
        PassProfile.Current = profile;
        try
        {
            Trainer.Train(data, options, epoch =>
            {
                var multiplyAddsNow = Gemm.MultiplyAddsOnThisThread;
                var epochMultiplyAdds = multiplyAddsNow - multiplyAdds;
                multiplyAdds = multiplyAddsNow;
                var compiledNow = JitInfo.GetCompiledMethodCount();
                var compiledDuringEpoch = compiledNow - compiled;
                compiled = compiledNow;
                if (settled)
                {
                    seconds[running].Add(epoch.Seconds);
                    timedMultiplyAdds[running] += epochMultiplyAdds;
                    foreach (var pass in passes) passSeconds[running, (int)pass] += profile.Seconds(pass);
                    if (++timed == counts * timedEpochs) enough.Cancel(); // stops at the next batch; the rest is never run
                    running = CountOfTimedEpoch(timed, counts);
                }
                else
                {
                    warmUp++;
                    // Every count warms up at least once (up to MaxWarmUpEpochs counts): a count's first epoch starts its threads and compiles their paths.
                    settled = warmUp >= MaxWarmUpEpochs || (warmUp >= Math.Max(MinWarmUpEpochs, counts) && compiledDuringEpoch == 0);
                    running = settled ? CountOfTimedEpoch(0, counts) : warmUp % counts;
                }
                share.Threads = threadCounts[running];
                profile.Clear();
            }, enough.Token, threads: share);
        }
        finally
        {
            PassProfile.Current = outerProfile;
        }
        cancellation.ThrowIfCancellationRequested();
        return Enumerable.Range(0, counts).Select(c =>
        {
            var epochs = seconds[c];
            var passMeans = passes.ToDictionary(pass => pass, pass => passSeconds[c, (int)pass] / epochs.Count);
            return new EpochTiming(Median(epochs), epochs.Min(), epochs.Max(), epochs.Count, warmUp, (double)timedMultiplyAdds[c] / epochs.Count,
                passMeans, epochs.Average() - passMeans.Values.Sum(), epochs.ToArray());
        }).ToArray();
    }

    /// <summary>The count that timed epoch <paramref name="index"/> runs at: rounds of one epoch per count, every other round in reverse.</summary>
    internal static int CountOfTimedEpoch(int index, int counts)
    {
        var (round, position) = Math.DivRem(index, counts);
        return round % 2 == 0 ? position : counts - 1 - position;
    }

    /// <summary>The middle value, or the mean of the two middle values of an even count.</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("the median of no values is undefined", nameof(values));
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
