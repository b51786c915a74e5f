using System.Text.Json.Serialization;
using Sweep.Engine.Model;
using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>What one attempt of a trial produced; metrics are NaN when the attempt did not reach them.</summary>
public sealed record TrialOutcome(
    TrialStatus Status,
    string? Error,
    double TrainLoss,
    double ValLoss,
    double ValAcc,
    double TestLoss,
    double TestAcc,
    double Seconds,
    int EpochsDone)
{
    /// <summary>The final weights of a completed trial, in this process only (never stored with the outcome): the job keeps
    /// them as a model when its sweep asks for it.</summary>
    [JsonIgnore]
    public Network? Network { get; init; }

    public static TrialOutcome Failed(string error, double seconds) => WithoutMetrics(TrialStatus.Failed, error, seconds);

    public static TrialOutcome Interrupted(double seconds) => WithoutMetrics(TrialStatus.Interrupted, "interrupted", seconds);

    /// <summary>Stopped at a rung: the metrics of the epoch it stopped after (no test metrics: the test set is measured only at the end), and why.</summary>
    public static TrialOutcome Pruned(RungDecision decision, string metric, EpochMetrics atRung, double seconds) =>
        new(TrialStatus.Pruned, decision.Explain(metric), atRung.TrainLoss, atRung.ValLoss, atRung.ValAcc, double.NaN, double.NaN, seconds, atRung.Epoch);

    private static TrialOutcome WithoutMetrics(TrialStatus status, string error, double seconds) =>
        new(status, error, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, seconds, 0);

    public static TrialOutcome From(TrainingResult result) => new(
        result.Status switch
        {
            TrainingStatus.Completed => TrialStatus.Completed,
            TrainingStatus.Diverged => TrialStatus.Diverged,
            _ => TrialStatus.Interrupted,
        },
        result.Message,
        result.TrainLoss, result.ValLoss, result.ValAcc, result.TestLoss, result.TestAcc, result.Seconds, result.Epochs.Count)
    {
        Network = result.Status == TrainingStatus.Completed ? result.Network : null,
    };
}
