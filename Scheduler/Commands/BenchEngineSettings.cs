using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sweep.Scheduler.Commands;

public sealed class BenchEngineSettings : DataSettings
{
    [CommandOption("--threads <LIST>")]
    [Description("Thread counts to measure, comma separated. Default: 1,2")]
    public string Threads { get; init; } = "1,2";

    [CommandOption("--peak <GFLOPS>")]
    [Description("Single-core fp32 peak used for the fraction of peak. Default: 115 (AVX-512 FMA on this machine)")]
    public double PeakGflops { get; init; } = 115;

    [CommandOption("--epochs <N>")]
    [Description("Training epochs timed per model; the best one is reported. Default: 2")]
    public int Epochs { get; init; } = 2;

    public int[] ThreadCounts() => Threads.Split(',').Select(part => int.TryParse(part.Trim(), out var count) && count >= 1
        ? count
        : throw new UsageException($"--threads: '{part}' is not a thread count (expected e.g. 1,2)")).ToArray();

    public override ValidationResult Validate()
    {
        if (PeakGflops <= 0) return ValidationResult.Error($"--peak must be > 0 (got {PeakGflops})");
        if (Epochs < 1) return ValidationResult.Error($"--epochs must be >= 1 (got {Epochs})");
        return base.Validate();
    }
}
