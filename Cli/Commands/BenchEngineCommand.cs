using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Engine.Data;
using Sweep.Engine.Kernels;
using Sweep.Engine.Model;
using Sweep.Engine.Parallelism;
using Sweep.Engine.Training;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep bench engine`: this core's fp32 peak, measured first (FMA throughput per vector width), and with more than one
/// thread what moving a cache line between cores costs and what a pass over weights split by rows or by features takes
/// (<see cref="CoreToCore"/>); GFLOPS of the GEMM
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
        var chosen = settings.ModelSet();
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

        if (threadCounts.Any(threads => threads > 1) && CoreToCore.Measure() is { } between)
        {
            // What a parallel pass pays for reading what the other core wrote: it explains the pass table's 2-thread column.
            console.MarkupLine("[bold]Between cores[/] (two threads, best of 5)");
            console.WriteLine($"  cache line round trip {Invariant(between.RoundTripNanoseconds, "F0")} ns; " +
                $"reading {CoreToCore.ReadBytes >> 20} MB another core wrote: {Invariant(between.ReadGigabytesPerSecond, "F1")} GB/s");
            // Whether splitting a layer's passes by output features could pay with weights stored [in, out] (SplitUpdate).
            console.WriteLine($"  w -= r·g on {CoreToCore.UpdateRows}×{CoreToCore.UpdateColumns}: {Invariant(between.RowSplitMicroseconds, "F1")} µs " +
                $"split by rows, {Invariant(between.ColumnSplitMicroseconds, "F1")} µs by features " +
                $"({Invariant(between.ColumnSplitMicroseconds / between.RowSplitMicroseconds, "F1")}×)");
        }

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
        var floors = new Table().AddColumns("model", "threads", "GFLOP / epoch", "GFLOPS", "floor ms", "× floor");
        var passTimings = new List<(string Model, EpochTiming[] ByThreads)>();
        // The issue's reference conv net: TorchSharp (libtorch 2.10) trains it at 39 s per 60k epoch on 1 thread of this
        // machine and 25–27 s on 2. Its products run on the pool's threads, whose multiply-adds the trainer's thread does
        // not count, so its flops are the shapes' (the fc nets' are counted: their first layer skips blank columns).
        var conv = LayerSpec.ParseList("conv5x5:16,pool2,conv5x5:32,pool2,fc:128");
        var convFlops = EpochBenchmark.GemmFlopsPerEpoch(conv, data.Train.Shape, data.Train.Classes, data.Train.Count);
        // Adam's row: its update is element-wise, so next to SGD's it shows what the optimiser's pass over the weights costs.
        // Each model's thread counts take turns epoch by epoch in one run (EpochBenchmark), so their ratio compares neighbours.
        (string Key, string Model, Func<EpochTiming[]> Measure, Func<EpochTiming, double> Flops)[] models =
        [
            ("softmax", "softmax 784-10", () => EpochBenchmark.Measure(data, [], threadCounts, settings.Epochs, cancellation), Counted),
            ("mlp", "784-500-10", () => EpochBenchmark.Measure(data, [500], threadCounts, settings.Epochs, cancellation), Counted),
            ("adam", "784-500-10 adam", () => EpochBenchmark.Measure(data, [500], threadCounts, settings.Epochs, cancellation, OptimizerKind.Adam), Counted),
            ("conv", "conv 16-32-128", () => EpochBenchmark.Measure(data, conv, threadCounts, settings.Epochs, cancellation), _ => convFlops),
        ];
        var speedUps = new List<string>();
        foreach (var (key, model, measure, flopsOf) in models.Where(model => chosen.Contains(model.Key)))
        {
            var byThreads = measure();
            for (var t = 0; t < threadCounts.Length; t++)
            {
                var (threads, timing) = (threadCounts[t], byThreads[t]);
                if (t > 0) speedUps.Add(SpeedUp(model, threadCounts[0], byThreads[0], threads, timing));
                var flops = flopsOf(timing);
                var floor = flops / (peak * 1e9 * threads);
                epochs.AddRow(model, Invariant(threads), Invariant(timing.MedianSeconds * 1000, "F0"),
                    Invariant(timing.FastestSeconds * 1000, "F0"), Invariant(timing.SlowestSeconds * 1000, "F0"), Invariant(timing.WarmUpEpochs));
                floors.AddRow(model, Invariant(threads), Invariant(flops / 1e9, "F1"), Invariant(flops / timing.MedianSeconds / 1e9, "F1"),
                    Invariant(floor * 1000, "F0"), Invariant(timing.MedianSeconds / floor, "F2"));
            }
            passTimings.Add((key, byThreads));
        }
        console.Write(epochs);
        if (speedUps.Count > 0)
        {
            var turns = string.Join(", ", threadCounts.Concat(threadCounts.Reverse()).Select(Invariant));
            console.WriteLine($"  thread counts took turns epoch by epoch ({turns}, …); per round:");
            foreach (var line in speedUps) console.WriteLine(line);
        }
        console.MarkupLine($"[bold]Floor[/]: the epoch's GEMM flops at the peak above on every thread's core (conv 16-32-128 is {LayerSpec.Format(conv)}, SGD + momentum)");
        console.WriteLine("  × floor = ms / epoch ÷ floor ms; the gap is everything but the products, and the products' own gap to peak");
        console.Write(floors);
        console.MarkupLine("[bold]Where an epoch goes[/]: ms per epoch in each kind of pass, and the rest of the epoch (means of the timed epochs)");
        console.WriteLine("  products = the fc layers' GEMMs, whose flops set the fc nets' floor; a pass that grows with threads pays for moving data between cores");
        console.Write(PassTable(passTimings, threadCounts));
        return ExitCodes.Ok;
    }

    private static Dataset Concatenate(Dataset first, Dataset second) => new(
        [.. first.Images, .. second.Images], [.. first.Labels, .. second.Labels], first.Features, first.Classes,
        first.PixelBytes is null || second.PixelBytes is null ? null : [.. first.PixelBytes, .. second.PixelBytes], first.Shape);

    /// <summary>A row per model and kind of pass it runs (the others are 0 and left out), a column per thread count.</summary>
    private static Table PassTable(IReadOnlyList<(string Model, EpochTiming[] ByThreads)> timings, IReadOnlyList<int> threadCounts)
    {
        var table = new Table().AddColumns(["model", "pass", .. threadCounts.Select(threads => threads == 1 ? "1 thread" : $"{threads} threads")]);
        foreach (var (model, byThreads) in timings)
        {
            var first = true;
            foreach (var pass in Enum.GetValues<TrainingPass>())
            {
                var ms = byThreads.Select(timing => timing.PassSeconds![pass] * 1000).ToArray();
                if (ms.All(value => value < 0.05)) continue;
                table.AddRow([first ? model : "", pass.ToString().ToLowerInvariant(), .. ms.Select(value => Invariant(value, "F1"))]);
                first = false;
            }
            table.AddRow(["", "rest", .. byThreads.Select(timing => Invariant(timing.RestSeconds * 1000, "F1"))]);
        }
        return table;
    }

    private static double Counted(EpochTiming timing) => 2 * timing.MultiplyAddsPerEpoch;

    /// <summary>"  784-500-10: 1 → 2 threads 1.41× (median of 5 rounds: 1.30–1.52×)", within 80 columns (Spectre wraps longer lines).</summary>
    private static string SpeedUp(string model, int baselineThreads, EpochTiming baseline, int threads, EpochTiming timing)
    {
        var rounds = EpochBenchmark.SpeedUps(baseline, timing);
        return $"  {model}: {Invariant(baselineThreads)} → {Invariant(threads)} threads {Invariant(EpochBenchmark.Median(rounds), "F2")}× " +
            $"(median of {Invariant(rounds.Length)} rounds: {Invariant(rounds.Min(), "F2")}–{Invariant(rounds.Max(), "F2")}×)";
    }

    private static string Invariant(double value, string format = "G") => value.ToString(format, CultureInfo.InvariantCulture);
    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
