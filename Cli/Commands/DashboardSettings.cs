using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sweep.Cli.Commands;

public sealed class DashboardSettings : CommandSettings
{
    [CommandOption("--queue <CONN>")]
    [Description("PostgreSQL queue (connection string or postgres:// URL). Default: $SWEEP_QUEUE")]
    public string? Queue { get; init; }

    [CommandOption("--port <PORT>")]
    [Description("Port on 127.0.0.1. Default: 5000")]
    public int Port { get; init; } = 5000;

    public override ValidationResult Validate() =>
        Port is < 1 or > 65535 ? ValidationResult.Error($"--port must be in 1..65535 (got {Port})") : ValidationResult.Success();
}
