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
/// </summary>
public static class EpochBenchmark
{
    public const int MinWarmUpEpochs = 2;
    public const int MaxWarmUpEpochs = 6;

    /// <param name="optimizer">SGD at lr 0.1, or another optimiser at a rate it trains with (Adam's usual 1e-3).</param>
    public static EpochTiming Measure(DataSplits data, IReadOnlyList<int> hidden, int threads, int timedEpochs,
        CancellationToken cancellation = default, OptimizerKind optimizer = OptimizerKind.Sgd)
    {
        var options = new TrainingOptions
        {
            Hidden = hidden, Optimizer = optimizer, LearningRate = optimizer == OptimizerKind.Sgd ? 0.1 : 1e-3,
            Epochs = MaxWarmUpEpochs + timedEpochs, Threads = threads,
        };
        return Measure(data, options, timedEpochs, cancellation);
    }

    /// <summary>A network spec with convolutions (<see cref="LayerSpec"/>), trained as it would be: He initialisation, SGD at lr 0.05 with momentum 0.9.</summary>
    public static EpochTiming Measure(DataSplits data, IReadOnlyList<LayerSpec> layers, int threads, int timedEpochs, CancellationToken cancellation = default) =>
        Measure(data, new TrainingOptions
        {
            Layers = layers, Init = WeightInit.He, LearningRate = 0.05, Momentum = 0.9,
            Epochs = MaxWarmUpEpochs + timedEpochs, Threads = threads,
        }, timedEpochs, cancellation);

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

    private static EpochTiming Measure(DataSplits data, TrainingOptions options, int timedEpochs, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timedEpochs, 1);
        using var enough = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var warmUp = 0;
        var settled = false;
        var compiled = JitInfo.GetCompiledMethodCount();
        var seconds = new List<double>();
        // The trainer runs on this thread and so asks for every product here, whichever threads run them.
        var multiplyAdds = Gemm.MultiplyAddsOnThisThread;
        var timedMultiplyAdds = 0L;
        var passes = Enum.GetValues<TrainingPass>();
        var passSeconds = new double[passes.Length];
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
                    seconds.Add(epoch.Seconds);
                    timedMultiplyAdds += epochMultiplyAdds;
                    foreach (var pass in passes) passSeconds[(int)pass] += profile.Seconds(pass);
                    profile.Clear();
                    if (seconds.Count == timedEpochs) enough.Cancel(); // stops at the next batch; the rest is never run
                    return;
                }
                warmUp++;
                settled = warmUp >= MaxWarmUpEpochs || (warmUp >= MinWarmUpEpochs && compiledDuringEpoch == 0);
                profile.Clear();
            }, enough.Token);
        }
        finally
        {
            PassProfile.Current = outerProfile;
        }
        cancellation.ThrowIfCancellationRequested();
        return new EpochTiming(Median(seconds), seconds.Min(), seconds.Max(), seconds.Count, warmUp, (double)timedMultiplyAdds / seconds.Count,
            passes.ToDictionary(pass => pass, pass => passSeconds[(int)pass] / seconds.Count), seconds.Average() - passSeconds.Sum() / seconds.Count);
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
