using System.Text.Json;
using System.Text.Json.Serialization;
using Sweep.Engine.Data;
using Sweep.Engine.Training;

namespace Sweep.Scheduler.Output;

/// <summary>
/// The JSON object `sweep train --json` prints: final metrics, per-epoch curves and the configuration.
/// NaN (a diverged run has no test metrics) is written as null, since JSON has no NaN.
/// </summary>
public static class TrainingReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The report; its config holds every `train` option (the data options from the splits trained on).</summary>
    public static string ToJson(TrainingResult result, TrainingOptions options, DataSplits data)
    {
        var report = new
        {
            Status = result.Status.ToString().ToLowerInvariant(),
            Message = result.Message,
            TestAcc = Finite(result.TestAcc),
            TestLoss = Finite(result.TestLoss),
            ValAcc = Finite(result.ValAcc),
            ValLoss = Finite(result.ValLoss),
            TrainLoss = Finite(result.TrainLoss),
            Seconds = result.Seconds,
            Epochs = result.Epochs.Select(epoch => new
            {
                epoch.Epoch,
                TrainLoss = Finite(epoch.TrainLoss),
                ValLoss = Finite(epoch.ValLoss),
                ValAcc = Finite(epoch.ValAcc),
                epoch.Seconds,
            }),
            Config = new
            {
                Dataset = data.Name,
                DatasetSha256 = data.Checksum,
                ValSize = data.Validation.Count,
                Hidden = options.Hidden,
                Lr = options.LearningRate,
                Lambda = options.Lambda,
                Batch = options.BatchSize,
                options.Epochs,
                options.Seed,
                options.Momentum,
                Init = options.Init.ToString().ToLowerInvariant(),
                LrSchedule = options.Schedule.ToString().ToLowerInvariant(),
                options.Threads,
            },
        };
        return JsonSerializer.Serialize(report, Options);
    }

    /// <summary>One progress line per epoch, the same in the terminal and in logs.</summary>
    public static string EpochLine(EpochMetrics epoch, int epochs) =>
        FormattableString.Invariant(
            $"epoch {epoch.Epoch}/{epochs}  train_loss {epoch.TrainLoss:F4}  val_loss {epoch.ValLoss:F4}  val_acc {epoch.ValAcc * 100:F2}%  {epoch.Seconds:F2}s");

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
