using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sweep.Cli.Commands;

public sealed class ExportModelSettings : CommandSettings
{
    [CommandArgument(0, "<SWEEP>")]
    [Description("Name of the sweep whose kept model to export (its sweep file has keep_models: N)")]
    public string Sweep { get; init; } = "";

    [CommandOption("--rank <N>")]
    [Description("Which trial: 1 = the best completed trial by the sweep's metric (as `sweep report` ranks), up to keep_models. Default: 1")]
    public int Rank { get; init; } = 1;

    [CommandOption("-o|--output <FILE>")]
    [Description("Where to write the model file (`sweep eval FILE` reads it). Required")]
    public string? Output { get; init; }

    [CommandOption("--results <PATH>")]
    [Description("SQLite results database of the sweep. Default: $SWEEP_RESULTS, else results.db in the current folder")]
    public string? Results { get; init; }

    public override ValidationResult Validate()
    {
        if (Rank < 1) return ValidationResult.Error($"--rank must be >= 1 (got {Rank})");
        if (string.IsNullOrWhiteSpace(Output)) return ValidationResult.Error("missing -o FILE: where to write the model");
        return ValidationResult.Success();
    }
}
