using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Engine.Data;
using Sweep.Engine.Kernels;
using Sweep.Engine.Model;
using Sweep.Engine.Training;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep bench engine`: this core's fp32 peak, measured first (FMA throughput per vector width); GFLOPS of the GEMM
/// shapes of a 784-500-10 training step as a fraction of it; and milliseconds per epoch over the 60k training images
/// (median after warm-up; 784-500-10 with SGD and with Adam) beside its floor (the GEMM flops the epoch executed at the
/// measured peak of every thread's core), each for the requested thread counts. Every figure is measured here: no constant from
/// another machine. Non-goal: comparisons with other frameworks, which are not installed to measure.
/// </summary>
public sealed class BenchEngineCommand : Command<BenchEngineSettings>
{
    public override int Execute(CommandContext context, BenchEngineSettings settings, CancellationToken cancellation)
    {
        var threadCounts = settings.ThreadCounts();
        var console = AnsiConsole.Console;
        var trainFile = settings.LoadSplits(); // first, so a missing dataset fails before minutes of timing

        var peaks = FmaPeak.Measure();
        var measured = peaks.MaxBy(p => p.Gflops)!;
        var peak = settings.PeakGflops ?? measured.Gflops;
        console.MarkupLine($"[bold]Peak[/] of one core, fp32 FMA throughput ({FmaPeak.Accumulators} chains, best of 5 × 100 ms)");
        console.WriteLine("  " + string.Join("  ", peaks.Select(p => $"{p.Width} {Invariant(p.Gflops, "F1")}")) + " GFLOPS");
        console.WriteLine(settings.PeakGflops is null
            ? $"  peak used below: {Invariant(peak, "F1")} GFLOPS per core ({measured.Width})"
            : $"  peak used below: {Invariant(peak, "F1")} GFLOPS per core (--peak; measured {Invariant(measured.Gflops, "F1")})");

        console.MarkupLine("[bold]GEMM[/] (best of 5 × 200 ms; of peak = GFLOPS / (peak × threads))");
        var gemm = new Table().AddColumns("shape", "M×N×K", "threads", "GFLOPS", "of peak");
        foreach (var shape in GemmShape.Training)
        {
            foreach (var threads in threadCounts)
            {
                var gflops = GemmBenchmark.MeasureGflops(shape, threads);
                gemm.AddRow(shape.Name, $"{shape.M}×{shape.N}×{shape.K}", Invariant(threads), Invariant(gflops, "F1"),
                    Invariant(gflops / (peak * threads), "P0"));
            }
        }
        var big = GemmShape.Training[0];
        var naive = GemmBenchmark.MeasureReferenceGflops(big);
        gemm.AddRow($"naive loop ({big.Name})", $"{big.M}×{big.N}×{big.K}", "1", Invariant(naive, "F2"), Invariant(naive / peak, "P1"));
        console.Write(gemm);

        // The whole 60k training file, no validation: the epoch figure is pure training.
        var data = DataSplits.FromTrainAndTest(trainFile.Name, Concatenate(trainFile.Train, trainFile.Validation), trainFile.Test, 0, trainFile.Checksum);
        console.MarkupLine($"[bold]Training epoch[/] ({data.Train.Count} images, batch 100): median of {settings.Epochs} after warm-up");
        console.WriteLine("  warm-up = untimed epochs until one in which the JIT compiled no method");
        var epochs = new Table().AddColumns("model", "threads", "ms / epoch", "fastest", "slowest", "warm-up");
        // A table of its own: beside the timings the rows would not fit 80 columns.
        var floors = new Table().AddColumns("model", "threads", "GFLOP / epoch", "floor ms", "ms / epoch", "× floor");
        // Adam's row: its update is element-wise, so next to SGD's it shows what the optimiser's pass over the weights costs.
        (string Model, int[] Hidden, OptimizerKind Optimizer)[] models =
            [("softmax 784-10", [], OptimizerKind.Sgd), ("784-500-10", [500], OptimizerKind.Sgd), ("784-500-10 adam", [500], OptimizerKind.Adam)];
        foreach (var (model, hidden, optimizer) in models)
        {
            foreach (var threads in threadCounts)
            {
                var timing = EpochBenchmark.Measure(data, hidden, threads, settings.Epochs, cancellation, optimizer);
                var floor = timing.FloorSeconds(peak, threads);
                epochs.AddRow(model, Invariant(threads), Invariant(timing.MedianSeconds * 1000, "F0"),
                    Invariant(timing.FastestSeconds * 1000, "F0"), Invariant(timing.SlowestSeconds * 1000, "F0"), Invariant(timing.WarmUpEpochs));
                floors.AddRow(model, Invariant(threads), Invariant(2 * timing.MultiplyAddsPerEpoch / 1e9, "F1"), Invariant(floor * 1000, "F0"),
                    Invariant(timing.MedianSeconds * 1000, "F0"), Invariant(timing.MedianSeconds / floor, "F2"));
            }
        }
        console.Write(epochs);
        console.MarkupLine("[bold]Floor[/]: the epoch's GEMM flops, counted as they run, at the peak above on every thread's core");
        console.WriteLine("  × floor = ms / epoch ÷ floor ms; the gap is everything but the products, and the products' own gap to peak");
        console.Write(floors);

        // The issue's reference conv net (TorchSharp on this machine: 39 s per 60k epoch at 1 thread, 25–27 s at 2).
        var conv = LayerSpec.ParseList("conv5x5:16,pool2,conv5x5:32,pool2,fc:128");
        var convFlops = EpochBenchmark.GemmFlopsPerEpoch(conv, data.Train.Shape, data.Train.Classes, data.Train.Count);
        console.MarkupLine($"[bold]Conv training epoch[/] ({LayerSpec.Format(conv)}, SGD + momentum, batch 100; {Invariant(convFlops / 1e9, "F0")} GFLOP of GEMMs)");
        var convTable = new Table().AddColumns("model", "threads", "ms / epoch", "fastest", "slowest", "warm-up", "GFLOPS", "floor ms", "× floor");
        foreach (var threads in threadCounts)
        {
            var timing = EpochBenchmark.Measure(data, conv, threads, settings.Epochs, cancellation);
            convTable.AddRow("conv 16-32-128", Invariant(threads), Invariant(timing.MedianSeconds * 1000, "F0"), Invariant(timing.FastestSeconds * 1000, "F0"),
                Invariant(timing.SlowestSeconds * 1000, "F0"), Invariant(timing.WarmUpEpochs), Invariant(convFlops / timing.MedianSeconds / 1e9, "F1"),
                Invariant(convFlops / (peak * 1e9 * threads) * 1000, "F0"), Invariant(timing.MedianSeconds / (convFlops / (peak * 1e9 * threads)), "F2"));
        }
        console.Write(convTable);
        return ExitCodes.Ok;
    }

    private static Dataset Concatenate(Dataset first, Dataset second) => new(
        [.. first.Images, .. second.Images], [.. first.Labels, .. second.Labels], first.Features, first.Classes,
        first.PixelBytes is null || second.PixelBytes is null ? null : [.. first.PixelBytes, .. second.PixelBytes], first.Shape);

    private static string Invariant(double value, string format = "G") => value.ToString(format, CultureInfo.InvariantCulture);
    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
