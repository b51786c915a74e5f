using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sweep.Cli.Commands;

public sealed class ExportSettings : CommandSettings
{
    [CommandArgument(0, "<SWEEP>")]
    [Description("Name of the sweep to export (as `sweep status` lists it)")]
    public string Sweep { get; init; } = "";

    [CommandOption("--trials")]
    [Description("One row per trial: hash, sweep, every parameter, status, attempt, metrics, timings, worker, code, pruning and proposal fields. The default")]
    public bool Trials { get; init; }

    [CommandOption("--epochs")]
    [Description("One row per stored epoch: hash, epoch, train_loss, val_loss, val_acc, seconds")]
    public bool Epochs { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("csv (RFC 4180, with a header row) or json (an array of objects). Numbers at full precision, accuracies as fractions; a missing or non-finite value is an empty field in csv, null in json. Default: csv")]
    public string Format { get; init; } = "csv";

    [CommandOption("-o|--output <FILE>")]
    [Description("Write to FILE (atomically: a temporary file renamed) instead of stdout")]
    public string? Output { get; init; }

    [CommandOption("--results <PATH>")]
    [Description("SQLite results database. Default: $SWEEP_RESULTS, else results.db in the current folder")]
    public string? Results { get; init; }

    public override ValidationResult Validate()
    {
        if (Trials && Epochs) return ValidationResult.Error("--trials and --epochs: give one of them (a row per trial, or a row per epoch)");
        if (!ExportFormats.IsKnown(Format)) return ValidationResult.Error(ExportFormats.UnknownMessage(Format));
        if (Output is not null && string.IsNullOrWhiteSpace(Output)) return ValidationResult.Error("-o: missing FILE");
        return ValidationResult.Success();
    }
}
