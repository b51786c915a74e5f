using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Engine.Data;
using Sweep.Engine.Kernels;
using Sweep.Engine.Training;

namespace Sweep.Scheduler.Commands;

/// <summary>
/// `sweep bench engine`: GFLOPS of the GEMM shapes of a 784-500-10 training step against this CPU's peak, and
/// milliseconds per epoch over the 60k training images, each for the requested thread counts.
/// </summary>
public sealed class BenchEngineCommand : Command<BenchEngineSettings>
{
    // Measured on this machine (1 thread, 784-500-10, batch 100) by the issue that asked for this benchmark.
    private const double LibtorchSecondsPerEpoch = 1.7;
    private const double NumpySecondsPerEpoch = 1.4;

    public override int Execute(CommandContext context, BenchEngineSettings settings, CancellationToken cancellation)
    {
        var threadCounts = settings.ThreadCounts();
        var console = AnsiConsole.Console;
        var trainFile = settings.LoadSplits(); // first, so a missing dataset fails before minutes of GEMM timing
        console.MarkupLine($"[bold]GEMM[/] (best of 5 runs of 200 ms; peak {Invariant(settings.PeakGflops)} GFLOPS per core; SIMD: {SimdDescription()})");
        var gemm = new Table().AddColumns("shape", "M×N×K", "threads", "GFLOPS", "of peak");
        foreach (var shape in GemmShape.Training)
        {
            foreach (var threads in threadCounts)
            {
                var gflops = GemmBenchmark.MeasureGflops(shape, threads);
                gemm.AddRow(shape.Name, $"{shape.M}×{shape.N}×{shape.K}", Invariant(threads), Invariant(gflops, "F1"),
                    Invariant(gflops / (settings.PeakGflops * threads), "P0"));
            }
        }
        var big = GemmShape.Training[0];
        var naive = GemmBenchmark.MeasureReferenceGflops(big);
        gemm.AddRow($"naive loop ({big.Name})", $"{big.M}×{big.N}×{big.K}", "1", Invariant(naive, "F2"), Invariant(naive / settings.PeakGflops, "P1"));
        console.Write(gemm);

        // The whole 60k training file, no validation: the epoch figure is pure training.
        var data = DataSplits.FromTrainAndTest(trainFile.Name, Concatenate(trainFile.Train, trainFile.Validation), trainFile.Test, 0, trainFile.Checksum);
        console.MarkupLine($"[bold]Training epoch[/] over {data.Train.Count} images at batch 100 (best of {settings.Epochs} epochs)");
        var epochs = new Table().AddColumns("model", "threads", "ms / epoch", "vs libtorch 1.7 s", "vs numpy 1.4 s");
        foreach (var hidden in new[] { Array.Empty<int>(), [500] })
        {
            foreach (var threads in threadCounts)
            {
                var options = new TrainingOptions { Hidden = hidden, LearningRate = 0.1, Epochs = settings.Epochs, Threads = threads };
                var result = Trainer.Train(data, options, cancellation: cancellation);
                var best = result.Epochs.Min(epoch => epoch.Seconds);
                var model = hidden.Length == 0 ? "softmax regression 784-10" : "784-500-10";
                epochs.AddRow(model, Invariant(threads), Invariant(best * 1000, "F0"),
                    Invariant(LibtorchSecondsPerEpoch / best, "F2") + "×", Invariant(NumpySecondsPerEpoch / best, "F2") + "×");
            }
        }
        console.Write(epochs);
        return ExitCodes.Ok;
    }

    private static string SimdDescription() =>
        System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "Vector512"
        : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "Vector256" : "scalar";

    private static Dataset Concatenate(Dataset first, Dataset second) => new(
        [.. first.Images, .. second.Images], [.. first.Labels, .. second.Labels], first.Features, first.Classes,
        first.PixelBytes is null || second.PixelBytes is null ? null : [.. first.PixelBytes, .. second.PixelBytes]);

    private static string Invariant(double value, string format = "G") => value.ToString(format, CultureInfo.InvariantCulture);
    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
