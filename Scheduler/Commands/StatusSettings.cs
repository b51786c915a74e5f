using System.ComponentModel;
using Spectre.Console.Cli;

namespace Sweep.Scheduler.Commands;

public sealed class StatusSettings : CommandSettings
{
    [CommandOption("--results <PATH>")]
    [Description("SQLite results database. Default: $SWEEP_RESULTS, else results.db in the current folder")]
    public string? Results { get; init; }
}
