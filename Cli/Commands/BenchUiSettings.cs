using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sweep.Cli.Commands;

public sealed class BenchUiSettings : CommandSettings
{
    [CommandOption("--trials <N>")]
    [Description("Trials of the generated sweep. Default: 10000")]
    public int Trials { get; init; } = 10_000;

    [CommandOption("--epochs <N>")]
    [Description("Epochs of a trial that completes (pruned and failed ones stop earlier). Default: 10")]
    public int Epochs { get; init; } = 10;

    [CommandOption("--repeat <N>")]
    [Description("Timed requests of each page after the first; the median is printed. Default: 5")]
    public int Repeat { get; init; } = 5;

    public override ValidationResult Validate() =>
        Trials < 1 ? ValidationResult.Error($"--trials must be >= 1 (got {Trials})")
        : Epochs < 2 ? ValidationResult.Error($"--epochs must be >= 2 (got {Epochs})")
        : Repeat < 1 ? ValidationResult.Error($"--repeat must be >= 1 (got {Repeat})")
        : ValidationResult.Success();
}
