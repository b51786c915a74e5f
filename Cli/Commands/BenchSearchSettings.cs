using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sweep.Cli.Commands;

public sealed class BenchSearchSettings : CommandSettings
{
    [CommandOption("--seeds <N>")]
    [Description("Sampler seeds (random_seed and trial seed 1..N); figures are medians and ranges over them. Default: 3")]
    public int Seeds { get; init; } = 3;

    [CommandOption("--trials <N>")]
    [Description("Trials per random and bayes sweep (run_cap); the grid gets about as many. Default: 30")]
    public int Trials { get; init; } = 30;

    [CommandOption("--epochs <N>")]
    [Description("Epochs of a trial run in full; hyperband's rungs are at 1, 3, 9 … below it (at least 2). Default: 9")]
    public int Epochs { get; init; } = 9;

    [CommandOption("--workers <N>")]
    [Description("Trials trained at once. Default: the cores")]
    public int? Workers { get; init; }

    [CommandOption("--data-dir <DIR>")]
    [Description("Data root (default: SWEEP_DATA_DIR, else the per-user cache)")]
    public string? DataDir { get; init; }

    [CommandOption("--results <DIR>")]
    [Description("Keep the results files (one per method and seed) in this new or empty folder. Default: a temporary folder, deleted at the end")]
    public string? Results { get; init; }

    public override ValidationResult Validate() =>
        Seeds < 1 ? ValidationResult.Error($"--seeds must be >= 1 (got {Seeds})")
        : Trials < 1 ? ValidationResult.Error($"--trials must be >= 1 (got {Trials})")
        : Epochs < 2 ? ValidationResult.Error($"--epochs must be >= 2, so that hyperband has a rung before the last epoch (got {Epochs})")
        : Workers < 1 ? ValidationResult.Error($"--workers must be >= 1 (got {Workers})")
        : Results is not null && File.Exists(Results) ? ValidationResult.Error($"--results: {Results} is a file; give a new or empty folder")
        : Results is not null && Directory.Exists(Results) && Directory.EnumerateFileSystemEntries(Results).Any()
            ? ValidationResult.Error($"--results: {Results} is not empty; give a new or empty folder (a results file there would be reused, not trained)")
        : ValidationResult.Success();
}
