using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sweep.Cli.Commands;

/// <summary>`sweep run FILE [OVERRIDES...]`: a sweep file plus Hydra-style `key=value` overrides.</summary>
public sealed class RunSettings : CommandSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Sweep file (YAML)")]
    public string File { get; init; } = "";

    [CommandArgument(1, "[OVERRIDES]")]
    [Description("Overrides such as lr=0.1,0.5 (a values axis), epochs=3 (a constant), hidden=[[256,128]]")] // help reads descriptions as markup: [[ is a literal [
    public string[] Overrides { get; init; } = [];

    [CommandOption("--dry-run")]
    [Description("Print the expanded trials and run nothing")]
    public bool DryRun { get; init; }

    [CommandOption("--max-trials <N>")]
    [Description("Refuse sweeps with more trials than this")]
    [DefaultValue(10_000)]
    public int MaxTrials { get; init; } = 10_000;

    [CommandOption("--results <PATH>")]
    [Description("SQLite results database. Default: $SWEEP_RESULTS, else results.db in the current folder")]
    public string? Results { get; init; }

    [CommandOption("--workers <N>")]
    [Description("Trials trained at the same time. Default: the number of cores")]
    public int? Workers { get; init; }

    [CommandOption("--queue <CONN>")]
    [Description("Share trials with `sweep worker` processes through PostgreSQL: an Npgsql connection string or postgres://user:pass@host:port/db. Default: $SWEEP_QUEUE, else the embedded in-process queue")]
    public string? Queue { get; init; }

    [CommandOption("--no-local-workers")]
    [Description("With --queue: only coordinate; `sweep worker` processes do all the training")]
    public bool NoLocalWorkers { get; init; }

    [CommandOption("--lease <SECONDS>")]
    [Description("How long a trial stays this run's without a renewal (renewed six times per lease): with --queue, the time before a `sweep worker` takes over the trials of a killed run (Hangfire keeps their jobs from other workers as long); on the embedded queue, before another run on the same results file does. 6 to 86400. Default: 60")]
    public int? Lease { get; init; }

    /// <summary>The lease of this run's claims and, with --queue, its jobs' invisibility: --lease, else the default 60 s.</summary>
    public TimeSpan LeaseLength => LeaseOption.Length(Lease);

    [CommandOption("--format <FORMAT>")]
    [Description("Report printed at the end: table, markdown, csv or json. Default: table")]
    public string Format { get; init; } = "table";

    [CommandOption("--retry-failed")]
    [Description("Run again the trials that failed in an earlier run")]
    public bool RetryFailed { get; init; }

    [CommandOption("--data-dir <DIR>")]
    [Description("Data root (default: SWEEP_DATA_DIR, else ~/.cache/sweep/datasets)")]
    public string? DataDir { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("Store the sweep under this name instead of the file's, to keep a variant (other overrides) apart from the original")]
    public string? Name { get; init; }

    public override ValidationResult Validate()
    {
        if (Name is not null && !System.Text.RegularExpressions.Regex.IsMatch(Name, "^[A-Za-z0-9_.-]+$"))
            return ValidationResult.Error($"--name: '{Name}' is not a simple name; use only letters, digits, '_', '.' and '-'");
        if (MaxTrials < 1) return ValidationResult.Error($"--max-trials must be >= 1, got {MaxTrials}");
        if (Workers < 1) return ValidationResult.Error($"--workers must be >= 1, got {Workers}");
        if (LeaseOption.Problem(Lease) is { } lease) return ValidationResult.Error(lease);
        if (!ReportFormats.IsKnown(Format)) return ValidationResult.Error(ReportFormats.UnknownMessage(Format));
        return ValidationResult.Success();
    }
}
