using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sweep.Cli.Commands;

public sealed class UiSettings : CommandSettings
{
    [CommandOption("--results <PATH>")]
    [Description("SQLite results database, opened read-only. Default: $SWEEP_RESULTS, else results.db in the current folder")]
    public string? Results { get; init; }

    [CommandOption("--queue <CONN>")]
    [Description("PostgreSQL queue whose Hangfire Dashboard is mounted at /hangfire (read-only). Default: $SWEEP_QUEUE, else none")]
    public string? Queue { get; init; }

    [CommandOption("--port <PORT>")]
    [Description("Port to listen on; 0 picks a free one. Default: 8080")]
    public int Port { get; init; } = 8080;

    [CommandOption("--host <HOST>")]
    [Description("Address to listen on. Default: 127.0.0.1 (anything else exposes the results to the network, with a warning)")]
    public string Host { get; init; } = "127.0.0.1";

    public override ValidationResult Validate()
    {
        if (Port is < 0 or > 65535) return ValidationResult.Error($"--port must be in 0..65535 (got {Port})");
        if (string.IsNullOrWhiteSpace(Host) || Host.Any(char.IsWhiteSpace) || Host.Contains('/'))
            return ValidationResult.Error($"--host: '{Host}' is not a host name or address");
        return ValidationResult.Success();
    }
}
