using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sweep.Cli.Commands;

public sealed class WorkerSettings : CommandSettings
{
    /// <summary>The trial lease and the job's invisibility timeout: --lease, else the default 60 s.</summary>
    public TimeSpan LeaseLength => LeaseOption.Length(Lease);

    [CommandOption("--queue <CONN>")]
    [Description("PostgreSQL queue: an Npgsql connection string or postgres://user:pass@host:port/db. Default: $SWEEP_QUEUE")]
    public string? Queue { get; init; }

    [CommandOption("--workers <N>")]
    [Description("Trials trained at the same time. Default: the number of cores")]
    public int? Workers { get; init; }

    [CommandOption("--threads <N>")]
    [Description("Engine threads per trial, whatever runs beside it. Default: the trials share the cores, and a running trial takes those a finished one frees at its next batch")]
    public int? Threads { get; init; }

    [CommandOption("--data-dir <DIR>")]
    [Description("Data root (default: SWEEP_DATA_DIR, else ~/.cache/sweep/datasets); a missing dataset is fetched")]
    public string? DataDir { get; init; }

    [CommandOption("--count <N>")]
    [Description("Exit after N trials have ended here (for batch schedulers). Default: run until Ctrl-C")]
    public int? Count { get; init; }

    [CommandOption("--idle-exit <SECONDS>")]
    [Description("Exit once no trial has run here for this many seconds. Default: never")]
    public int? IdleExit { get; init; }

    [CommandOption("--lease <SECONDS>")]
    [Description("How long a trial stays this worker's without a renewal (renewed six times per lease), and how long Hangfire keeps its job from other workers: the time before another worker takes over the trial of a killed one. 6 to 86400. Default: 60")]
    public int? Lease { get; init; }

    [CommandOption("--bench-zero-work")]
    [Description("For `sweep bench scheduler --worker-processes` only: trains nothing, and takes jobs only from the benchmark's own queue, never a sweep's")]
    public bool BenchZeroWork { get; init; }

    public override ValidationResult Validate() =>
        Workers < 1 ? ValidationResult.Error($"--workers must be >= 1 (got {Workers})")
        : Count < 1 ? ValidationResult.Error($"--count must be >= 1 (got {Count})")
        : IdleExit < 1 ? ValidationResult.Error($"--idle-exit must be >= 1 second (got {IdleExit})")
        : Threads < 1 ? ValidationResult.Error($"--threads must be >= 1 (got {Threads})")
        : LeaseOption.Problem(Lease) is { } lease ? ValidationResult.Error(lease)
        : ValidationResult.Success();
}
