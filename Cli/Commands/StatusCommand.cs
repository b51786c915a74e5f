using Spectre.Console.Cli;

namespace Sweep.Cli.Commands;

/// <summary>`sweep status`: every sweep of the results file with its trial counts by status.</summary>
public sealed class StatusCommand : Command<StatusSettings>
{
    public override int Execute(CommandContext context, StatusSettings settings, CancellationToken cancellation)
    {
        using var store = ResultsLocation.OpenExisting(settings.Results);
        StatusFormats.Write(store.ListSweeps(), settings.Format);
        return ExitCodes.Ok;
    }
}
