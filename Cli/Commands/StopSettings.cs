using System.ComponentModel;
using Spectre.Console.Cli;

namespace Sweep.Cli.Commands;

public sealed class StopSettings : CommandSettings
{
    [CommandArgument(0, "<SWEEP>")]
    [Description("Name of the sweep to stop")]
    public string Sweep { get; init; } = "";

    [CommandOption("--results <PATH>")]
    [Description("SQLite results database of the sweep. Default: $SWEEP_RESULTS, else results.db in the current folder")]
    public string? Results { get; init; }

    [CommandOption("--queue <CONN>")]
    [Description("PostgreSQL queue the sweep runs on. Default: $SWEEP_QUEUE; without either, the runs of the sweep on this results file are stopped")]
    public string? Queue { get; init; }
}
