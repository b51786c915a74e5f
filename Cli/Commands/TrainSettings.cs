using System.ComponentModel;
using System.Reflection;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

public sealed class TrainSettings : DataSettings
{
    // Each hyperparameter option takes its description and default from the parameter table; ToConfig finds the
    // table entry by the option's name (--lr-schedule is lr_schedule), so an option needs no other code.
    [CommandOption("--hidden <WIDTHS>")]
    [Description(HyperParameters.Help.Hidden)]
    public string Hidden { get; init; } = HyperParameters.Hidden.Text(HyperParameters.Hidden.Default);

    [CommandOption("--layers <SPEC>")]
    [Description(HyperParameters.Help.Layers)]
    public string Layers { get; init; } = HyperParameters.Layers.Text(HyperParameters.Layers.Default);

    [CommandOption("--lr <RATE>")]
    [Description(HyperParameters.Help.Lr)]
    public double LearningRate { get; init; } = HyperParameters.LearningRate.Default;

    [CommandOption("--lambda <L2>")]
    [Description(HyperParameters.Help.Lambda)]
    public double Lambda { get; init; } = HyperParameters.Lambda.Default;

    [CommandOption("--batch <N>")]
    [Description(HyperParameters.Help.Batch)]
    public int Batch { get; init; } = HyperParameters.Batch.Default;

    [CommandOption("--epochs <N>")]
    [Description(HyperParameters.Help.Epochs)]
    public int Epochs { get; init; } = HyperParameters.Epochs.Default;

    [CommandOption("--seed <N>")]
    [Description(HyperParameters.Help.Seed)]
    public ulong Seed { get; init; } = HyperParameters.Seed.Default;

    [CommandOption("--momentum <MU>")]
    [Description(HyperParameters.Help.Momentum)]
    public double Momentum { get; init; } = HyperParameters.Momentum.Default;

    [CommandOption("--init <KIND>")]
    [Description(HyperParameters.Help.Init)]
    public string Init { get; init; } = HyperParameters.Init.Text(HyperParameters.Init.Default);

    [CommandOption("--lr-schedule <KIND>")]
    [Description(HyperParameters.Help.LrSchedule)]
    public string Schedule { get; init; } = HyperParameters.Schedule.Text(HyperParameters.Schedule.Default);

    [CommandOption("--dropout <RATE>")]
    [Description(HyperParameters.Help.Dropout)]
    public double Dropout { get; init; } = HyperParameters.Dropout.Default;

    [CommandOption("--optimizer <KIND>")]
    [Description(HyperParameters.Help.Optimizer)]
    public string Optimizer { get; init; } = HyperParameters.Optimizer.Text(HyperParameters.Optimizer.Default);

    [CommandOption("--beta1 <BETA>")]
    [Description(HyperParameters.Help.Beta1)]
    public double Beta1 { get; init; } = HyperParameters.Beta1.Default;

    [CommandOption("--beta2 <BETA>")]
    [Description(HyperParameters.Help.Beta2)]
    public double Beta2 { get; init; } = HyperParameters.Beta2.Default;

    [CommandOption("--eps <EPSILON>")]
    [Description(HyperParameters.Help.Eps)]
    public double Epsilon { get; init; } = HyperParameters.Epsilon.Default;

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
            var config = ToConfig();
            // A layers spec of fc layers only has become hidden by now; what is left in both is two networks.
            if (config.Hidden.Count > 0 && config.Get(HyperParameters.Layers).Count > 0)
                return ValidationResult.Error($"--layers {Layers}: {LayersParameter.NotWithHidden} (--hidden {Hidden})");
            config.ToOptions(Threads).Validate();
            return ValidationResult.Success();
        }
        catch (Exception error) when (error is ArgumentException or UsageException)
        {
            return ValidationResult.Error(error.Message);
        }
    }

    /// <summary>The run as a trial configuration, so `train` and a sweep's trial turn options into Engine options alike.</summary>
    /// <exception cref="UsageException">An option's text (--hidden, --init, --lr-schedule) is not a value of its parameter.</exception>
    public TrialConfig ToConfig()
    {
        var config = new TrialConfig { Dataset = Dataset };
        foreach (var (parameter, property) in ParameterOptions)
        {
            var value = property.GetValue(this)!;
            try
            {
                config = config.With(parameter, value is string text ? parameter.Parse(text) : value);
            }
            catch (ArgumentException error)
            {
                throw new UsageException(error.Message);
            }
        }
        return config;
    }

    public TrainingOptions ToOptions() => ToConfig().ToOptions(Threads);

    /// <summary>Every option that sets a hyperparameter (the table entry named like the option), with its property.</summary>
    public static IReadOnlyList<(HyperParameter Parameter, PropertyInfo Property)> ParameterOptions { get; } =
        typeof(TrainSettings).GetProperties()
            .Select(property => (Option: property.GetCustomAttribute<CommandOptionAttribute>()?.LongNames.FirstOrDefault(), property))
            .Select(pair => (Parameter: pair.Option is null ? null : HyperParameters.Find(pair.Option.Replace('-', '_')), pair.property))
            .Where(pair => pair.Parameter is not null)
            .Select(pair => (pair.Parameter!, pair.property))
            .ToArray();
}
