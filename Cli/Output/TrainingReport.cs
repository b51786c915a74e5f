using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Sweep.Engine.Data;
using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Cli.Output;

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

    /// <summary>
    /// The report; its config holds the dataset, every hyperparameter of the parameter table as in canonical JSON
    /// (val_size as the splits trained on hold it) and the threads.
    /// </summary>
    public static string ToJson(TrainingResult result, TrialConfig config, TrainingOptions options, DataSplits data)
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
            Config = ConfigJson(config.With(HyperParameters.ValidationSize, data.Validation.Count), options.Threads, data),
        };
        return JsonSerializer.Serialize(report, Options);
    }

    private static JsonObject ConfigJson(TrialConfig config, int threads, DataSplits data)
    {
        var json = new JsonObject { ["dataset"] = data.Name, ["dataset_sha256"] = data.Checksum };
        foreach (var parameter in HyperParameters.All) json[parameter.Name] = parameter.ToJson(config[parameter]);
        json["threads"] = threads;
        return json;
    }

    /// <summary>One progress line per epoch, the same in the terminal and in logs.</summary>
    public static string EpochLine(EpochMetrics epoch, int epochs) =>
        FormattableString.Invariant(
            $"epoch {epoch.Epoch}/{epochs}  train_loss {epoch.TrainLoss:F4}  val_loss {epoch.ValLoss:F4}  val_acc {epoch.ValAcc * 100:F2}%  {epoch.Seconds:F2}s");

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
