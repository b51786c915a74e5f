using Spectre.Console.Cli;
using Sweep.Engine.Data;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep data get mnist`: fills the data cache with verified files and prints where they are and their checksums.
/// Exit 2 for a dataset it cannot fetch, 1 when every source failed (each source listed with its reason).
/// </summary>
public sealed class DataGetCommand : Command<DataGetSettings>
{
    public override int Execute(CommandContext context, DataGetSettings settings, CancellationToken cancellationToken)
    {
        if (!DatasetCatalog.IsKnownName(settings.Dataset))
            throw new UsageException(
                $"cannot fetch '{settings.Dataset}'; known names: {string.Join(", ", DatasetCatalog.KnownNames)}");

        FetchResult result;
        try
        {
            result = DataGetOnFirstUse.Fetch(settings.Dataset, settings.DataDir, settings.From, cancellationToken);
        }
        catch (DataFetchException e)
        {
            // Several lines on purpose: one per source and why it failed.
            Console.Error.WriteLine($"sweep: {e.Message}");
            return ExitCodes.Failure;
        }

        var how = result.Source is null ? "already present, verified" : $"fetched from {result.Source}, verified";
        Console.WriteLine($"{result.Name}: {result.Folder} ({how})");
        foreach (var file in result.Files)
            Console.WriteLine($"  {file.Sha256}  {Path.GetFileName(file.Path)}");
        Console.WriteLine($"checksum: {result.Checksum}");
        return ExitCodes.Ok;
    }
}
