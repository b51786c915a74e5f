using System.Globalization;
using Spectre.Console.Cli;
using Sweep.Results;
using Sweep.Results.Reports;
using Sweep.Scheduler.Output;

namespace Sweep.Scheduler.Commands;

/// <summary>`sweep status`: every sweep of the results file with its trial counts by status.</summary>
public sealed class StatusCommand : Command<StatusSettings>
{
    public override int Execute(CommandContext context, StatusSettings settings, CancellationToken cancellation)
    {
        using var store = ResultsLocation.OpenExisting(settings.Results);
        // Boxed on a wide terminal, else one whitespace-separated row per sweep (StandardStreams.Write).
        var table = new TextTable(["sweep", "metric", "goal", "trials", "done", "diverged", "failed", "interrupted", "running", "pending"],
            Enumerable.Range(3, 7).ToHashSet());
        foreach (var sweep in store.ListSweeps())
        {
            var counts = sweep.Counts;
            table.AddRow([sweep.Name, sweep.Metric, sweep.Goal,
                .. new[] { counts.Total, counts.Completed, counts.Diverged, counts.Failed, counts.Interrupted, counts.Running, counts.Pending }
                    .Select(count => count.ToString(CultureInfo.InvariantCulture))]);
        }
        StandardStreams.Write(table);
        return ExitCodes.Ok;
    }
}
