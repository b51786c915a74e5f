using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Engine.Model;
using Sweep.Engine.Training;
using Sweep.Worker.Trials;

namespace Sweep.Scheduler.Commands;

public sealed class TrainSettings : DataSettings
{
    [CommandOption("--hidden <WIDTHS>")]
    [Description("Hidden layer widths: none (softmax regression), 500, or 256,128. Default: none")]
    public string Hidden { get; init; } = "none";

    [CommandOption("--lr <RATE>")]
    [Description("Learning rate (> 0). Default: 0.1")]
    public double LearningRate { get; init; } = 0.1;

    [CommandOption("--lambda <L2>")]
    [Description("L2 weight decay λ in 0.5·λ·‖W‖² (>= 0). Default: 1e-4")]
    public double Lambda { get; init; } = 1e-4;

    [CommandOption("--batch <N>")]
    [Description("Mini-batch size. Default: 100")]
    public int Batch { get; init; } = 100;

    [CommandOption("--epochs <N>")]
    [Description("Passes over the training set. Default: 10")]
    public int Epochs { get; init; } = 10;

    [CommandOption("--seed <N>")]
    [Description("Seed of initial weights and shuffles. Default: 1")]
    public ulong Seed { get; init; } = 1;

    [CommandOption("--momentum <MU>")]
    [Description("Momentum in [[0, 1). Default: 0 (plain gradient descent)")] // help reads descriptions as markup: [[ is a literal [
    public double Momentum { get; init; }

    [CommandOption("--init <KIND>")]
    [Description("Initial weights: gaussian (std 0.01, the tutorial's) or he. Default: gaussian")]
    public string Init { get; init; } = "gaussian";

    [CommandOption("--lr-schedule <KIND>")]
    [Description("cooldown (the rate for 80 % of the steps, then linear to zero), constant (the tutorial's fixed rate), linear or cosine. Default: cooldown")]
    public string Schedule { get; init; } = "cooldown";

    [CommandOption("--threads <N>")]
    [Description("Threads for the matrix products; results are identical for any value. Default: 1")]
    public int Threads { get; init; } = 1;

    [CommandOption("--save <PATH>")]
    [Description("Write the trained weights to PATH")]
    public string? Save { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object on stdout; progress lines go to stderr")]
    public bool Json { get; init; }

    public override ValidationResult Validate()
    {
        var data = base.Validate();
        if (!data.Successful) return data;
        try
        {
            ToOptions().Validate();
            return ValidationResult.Success();
        }
        catch (Exception error) when (error is ArgumentException or UsageException)
        {
            return ValidationResult.Error(error.Message);
        }
    }

    /// <summary>The run as a trial configuration, so `train` and a sweep's trial turn options into Engine options alike.</summary>
    public TrialConfig ToConfig() => new()
    {
        Dataset = Dataset,
        Hidden = HiddenLayers.Parse(Hidden),
        LearningRate = LearningRate,
        Lambda = Lambda,
        Batch = Batch,
        Epochs = Epochs,
        Seed = Seed,
        Momentum = Momentum,
        Init = ParseChoice<WeightInit>("--init", Init),
        Schedule = ParseChoice<LearningRateSchedule>("--lr-schedule", Schedule),
        ValidationSize = ValidationSize,
    };

    public TrainingOptions ToOptions() => ToConfig().ToOptions(Threads);

    private static TEnum ParseChoice<TEnum>(string option, string text) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : throw new UsageException($"{option}: '{text}' is not one of {string.Join(", ", Enum.GetNames<TEnum>().Select(name => name.ToLowerInvariant()))}");
}
