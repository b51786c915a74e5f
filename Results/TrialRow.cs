using Sweep.Trials;

namespace Sweep.Results;

/// <summary>
/// One trial of a sweep as stored: its parsed config, state and final metrics (null = not reached, or not finite).
/// The Latest* figures are the last recorded epoch of the current attempt, which is what progress shows while running.
/// Code is the fingerprint of the code that computed the outcome (null before there is one, or in files older than it).
/// </summary>
public sealed record TrialRow(
    int Position,
    string Hash,
    TrialConfig Config,
    TrialStatus Status,
    string? Error,
    string? Worker,
    int Attempt,
    string? StartedAt,
    string? FinishedAt,
    double? Seconds,
    int? EpochsDone,
    double? TrainLoss,
    double? ValLoss,
    double? ValAcc,
    double? TestLoss,
    double? TestAcc,
    int? LatestEpoch,
    double? LatestTrainLoss,
    double? LatestValLoss,
    double? LatestValAcc,
    string? Code = null) : ITrialMetrics;
