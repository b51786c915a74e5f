using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console.Cli;
using Sweep.Scheduler.SweepFiles;

namespace Sweep.Scheduler.Commands;

/// <summary>
/// `sweep run FILE [OVERRIDES...]`: validates the sweep file and its overrides before anything runs (bad input
/// exits 2 with every error listed). `--dry-run` prints the trials. Running them is the sweep-runner issue.
/// </summary>
public sealed class RunCommand : Command<RunSettings>
{
    /// <summary>
    /// Dry runs do not load the data, so trial hashes and derived seeds use this stand-in for the dataset checksum.
    /// </summary>
    public const string DryRunChecksum = "dry-run";

    public override int Execute(CommandContext context, RunSettings settings, CancellationToken cancellation)
    {
        var definition = SweepFileLoader.Load(settings.File, settings.Overrides, settings.MaxTrials);
        if (!settings.DryRun)
        {
            Console.Error.WriteLine("sweep run: only --dry-run is available in this build");
            return ExitCodes.Failure;
        }

        var trials = definition.Expand(_ => DryRunChecksum);
        var varying = definition.VaryingParameters;
        Console.WriteLine($"sweep {definition.Name}: {definition.Method.ToString().ToLowerInvariant()} on {definition.Dataset}, "
            + $"metric {definition.MetricName} ({definition.Goal.ToString().ToLowerInvariant()})");
        var width = trials.Count.ToString(CultureInfo.InvariantCulture).Length;
        for (var i = 0; i < trials.Count; i++)
        {
            var parameters = trials[i].ToParameters();
            var shown = varying.Select(name => $"{name}={Show(parameters[name])}");
            Console.WriteLine($"{(i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width)}  {string.Join(' ', shown)}  {trials[i].Hash(DryRunChecksum)[..12]}");
        }
        Console.WriteLine($"{trials.Count} trials");
        return ExitCodes.Ok;
    }

    /// <summary>Strings bare, random draws to 4 significant digits (the hash tells trials apart), lists as JSON.</summary>
    private static string Show(JsonNode? value) => value switch
    {
        JsonValue scalar when scalar.TryGetValue<string>(out var text) => text,
        JsonValue scalar when scalar.TryGetValue<double>(out var number) => number.ToString("G4", CultureInfo.InvariantCulture),
        _ => value?.ToJsonString() ?? "",
    };
}
