using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Engine.Data;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>Options shared by every command that reads a dataset.</summary>
public class DataSettings : CommandSettings
{
    [CommandOption("--dataset <NAME|DIR>")]
    [Description("Dataset name (mnist) or a folder holding the four IDX files. Default: mnist")]
    public string Dataset { get; init; } = "mnist";

    [CommandOption("--data-dir <DIR>")]
    [Description("Folder holding one folder per dataset. Default: $SWEEP_DATA_DIR, else the per-user cache")]
    public string? DataDir { get; init; }

    [CommandOption("--val-size <N>")]
    [Description(HyperParameters.Help.ValSize)]
    public int ValidationSize { get; init; } = HyperParameters.ValidationSize.Default;

    public override ValidationResult Validate() =>
        ValidationSize < 0 ? ValidationResult.Error($"--val-size must be >= 0 (got {ValidationSize})") : ValidationResult.Success();

    public DataSplits LoadSplits() => DataGetOnFirstUse.Load(Dataset, DataDir, ValidationSize);
}
