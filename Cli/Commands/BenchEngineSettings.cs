using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

public sealed class BenchEngineSettings : DataSettings
{
    [CommandOption("--threads <LIST>")]
    [Description("Thread counts to measure, comma separated. Default: 1,2")]
    public string Threads { get; init; } = "1,2";

    [CommandOption("--peak <GFLOPS>")]
    [Description("Single-core fp32 peak for the fraction of peak, instead of the one measured at startup (FMA throughput per vector width)")]
    public double? PeakGflops { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("Training epochs timed per model once the JIT has settled (2 to 6 warm-up epochs); their median is reported. Default: 5")]
    public int Epochs { get; init; } = 5;

    /// <summary>The models `--models` may name, in the tables' order.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = ["softmax", "mlp", "adam", "conv"];

    [CommandOption("--models <LIST>")]
    [Description("Models to time, comma separated: softmax (784-10), mlp (784-500-10), adam (784-500-10 with Adam), conv (conv5x5:16,pool2,conv5x5:32,pool2,fc:128). Default: all")]
    public string Models { get; init; } = string.Join(',', ModelNames);

    public IReadOnlySet<string> ModelSet() => Models.Split(',').Select(part => ModelNames.Contains(part.Trim())
        ? part.Trim()
        : throw new UsageException($"--models: '{part.Trim()}' is not a model (expected some of {string.Join(", ", ModelNames)})")).ToHashSet();

    public int[] ThreadCounts() => Threads.Split(',').Select(part => int.TryParse(part.Trim(), out var count) && count >= 1
        ? count
        : throw new UsageException($"--threads: '{part}' is not a thread count (expected e.g. 1,2)")).ToArray();

    public override ValidationResult Validate()
    {
        if (PeakGflops is <= 0 or double.NaN or double.PositiveInfinity) return ValidationResult.Error($"--peak must be a number > 0 (got {PeakGflops})");
        if (Epochs < 1) return ValidationResult.Error($"--epochs must be >= 1 (got {Epochs})");
        return base.Validate();
    }
}
