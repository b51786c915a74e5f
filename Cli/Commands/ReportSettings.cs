using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Results.Reports;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

public sealed class ReportSettings : CommandSettings
{
    [CommandArgument(0, "[SWEEP]")]
    [Description("Sweep name. Default: the sweep updated last")]
    public string? Sweep { get; init; }

    [CommandOption("--by <METRIC>")]
    [Description("Rank by val_acc, val_loss, test_acc, test_loss or train_loss. Default: the sweep's metric")]
    public string? By { get; init; }

    [CommandOption("--goal <GOAL>")]
    [Description("maximize or minimize. Default: the sweep's goal, or the metric's usual direction with --by")]
    public string? Goal { get; init; }

    [CommandOption("--top <N>")]
    [Description("Show only the N best configurations")]
    public int? Top { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("table, markdown, csv or json. Default: table")]
    public string? Format { get; init; }

    [CommandOption("--html <FILE>")]
    [Description("Write the sweep's page (tables and charts, as `sweep ui` shows it) to FILE: one self-contained HTML file that opens offline. Not with --format, --by, --goal or --top")]
    public string? Html { get; init; }

    [CommandOption("--results <PATH>")]
    [Description("SQLite results database. Default: $SWEEP_RESULTS, else results.db in the current folder")]
    public string? Results { get; init; }

    public override ValidationResult Validate()
    {
        if (By is not null && Metric.TryParse(By) is null) return ValidationResult.Error($"--by: unknown metric '{By}'; {MetricSuggestion.For(By)}");
        if (Goal is not null && ReportOptions.TryParseGoal(Goal) is null) return ValidationResult.Error($"--goal: '{Goal}' is not a goal (expected maximize or minimize)");
        if (Top < 1) return ValidationResult.Error($"--top must be >= 1 (got {Top})");
        if (Format is not null && !ReportFormats.IsKnown(Format)) return ValidationResult.Error(ReportFormats.UnknownMessage(Format));
        if (Html is not null)
        {
            // The HTML page ranks by the sweep's own metric, as `sweep ui` does, and shows every trial: text options do not apply.
            var textOptions = new[] { ("--format", Format), ("--by", By), ("--goal", Goal), ("--top", Top?.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
                .Where(option => option.Item2 is not null).Select(option => option.Item1).ToList();
            if (textOptions.Count > 0) return ValidationResult.Error($"--html cannot be combined with {string.Join(", ", textOptions)}: the HTML page shows every trial ranked by the sweep's metric");
            if (string.IsNullOrWhiteSpace(Html)) return ValidationResult.Error("--html needs a file path");
        }
        return ValidationResult.Success();
    }
}
