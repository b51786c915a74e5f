using Spectre.Console.Cli;
using Sweep.Results;
using Sweep.Results.Reports;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>`sweep report [SWEEP]`: the ranked report of a sweep from the results file, without running anything.</summary>
public sealed class ReportCommand : Command<ReportSettings>
{
    public override int Execute(CommandContext context, ReportSettings settings, CancellationToken cancellation)
    {
        using var store = ResultsLocation.OpenExisting(settings.Results);
        var path = store.Path;
        var sweeps = store.ListSweeps();
        var name = settings.Sweep ?? sweeps.MaxBy(sweep => sweep.UpdatedAt)?.Name
            ?? throw new UsageException($"{path}: holds no sweep yet");
        var sweep = store.GetSweep(name) ?? throw new UsageException(
            $"{path}: no sweep named '{name}' (sweeps: {string.Join(", ", sweeps.Select(s => s.Name))})");
        if (settings.Html is not null) return HtmlReportFile.Write(store, sweep, settings.Html);
        var options = ReportOptions.For(sweep, settings.By, settings.Goal, settings.Top);
        ReportFormats.Write(SweepReport.Build(sweep, store.TrialRows(name), options), settings.Format ?? "table");
        return ExitCodes.Ok;
    }
}
