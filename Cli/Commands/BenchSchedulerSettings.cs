using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sweep.Cli.Commands;

public sealed class BenchSchedulerSettings : CommandSettings
{
    [CommandOption("--trials <N>")]
    [Description("Zero-work trials for the overhead figure. Default: 500")]
    public int Trials { get; init; } = 500;

    [CommandOption("--sweep <FILE>")]
    [Description("Real sweep for the parallel-efficiency figure. Default: sweeps/lr-lambda.yaml with epochs=1")]
    public string? Sweep { get; init; }

    [CommandOption("--queue <CONN>")]
    [Description("Also measure a PostgreSQL queue: throughput, and the sweep with 1 and 2 `sweep worker` processes")]
    public string? Queue { get; init; }

    [CommandOption("--grid <N>")]
    [Description("Also time an N-cell grid: synced into a results file, then reported, with the peak memory. Default: 0 (skip)")]
    public int Grid { get; init; }

    [CommandOption("--worker-processes <N>")]
    [Description("Instead: drain --trials zero-work trials through N `sweep worker` processes on the queue (--queue or $SWEEP_QUEUE), and check that each trial ran once")]
    public int? WorkerProcesses { get; init; }

    [CommandOption("--data-dir <DIR>")]
    [Description("Data root (default: SWEEP_DATA_DIR, else the per-user cache)")]
    public string? DataDir { get; init; }

    public override ValidationResult Validate() =>
        Trials < 1 ? ValidationResult.Error($"--trials must be >= 1 (got {Trials})")
        : Grid < 0 ? ValidationResult.Error($"--grid must be >= 0 (got {Grid})")
        : WorkerProcesses < 1 ? ValidationResult.Error($"--worker-processes must be >= 1 (got {WorkerProcesses})")
        : ValidationResult.Success();
}
