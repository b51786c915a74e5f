using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sweep.Cli.Commands;

public sealed class StatusSettings : CommandSettings
{
    [CommandOption("--results <PATH>")]
    [Description("SQLite results database. Default: $SWEEP_RESULTS, else results.db in the current folder")]
    public string? Results { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("table, csv or json. Default: table")]
    public string Format { get; init; } = "table";

    public override ValidationResult Validate() =>
        StatusFormats.IsKnown(Format) ? ValidationResult.Success() : ValidationResult.Error(StatusFormats.UnknownMessage(Format));
}
