using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Results;

namespace Sweep.Scheduler.Commands;

/// <summary>`sweep status`: every sweep of the results file with its trial counts by status.</summary>
public sealed class StatusCommand : Command<StatusSettings>
{
    public override int Execute(CommandContext context, StatusSettings settings, CancellationToken cancellation)
    {
        using var store = ResultsLocation.OpenExisting(settings.Results);
        // Short headers: the table must fit an 80-column terminal or log.
        var table = new Table().AddColumns("sweep", "metric", "trials", "done", "diverged", "failed", "interr.", "running", "pending");
        foreach (var sweep in store.ListSweeps())
        {
            var counts = sweep.Counts;
            var goal = sweep.Goal == "maximize" ? "max" : "min";
            table.AddRow(new[] { sweep.Name, $"{sweep.Metric} {goal}" }
                .Concat(new[] { counts.Total, counts.Completed, counts.Diverged, counts.Failed, counts.Interrupted, counts.Running, counts.Pending }
                    .Select(count => count.ToString(CultureInfo.InvariantCulture)))
                .Select(Markup.Escape).ToArray());
        }
        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }
}
