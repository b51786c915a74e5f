using Spectre.Console;
using Sweep.Engine.Data;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep data get` done for the user: a command that needs a named dataset its cache lacks fetches it first, with
/// progress on stderr (stdout stays for the command's own output), then goes on. A folder path is never fetched.
/// </summary>
public static class DataGetOnFirstUse
{
    /// <summary>The dataset's checksum without loading its pixels (see <see cref="DatasetCatalog.Identify"/>), fetching it first if missing.</summary>
    public static string Identify(string dataset, string? dataDir, CancellationToken cancellation = default)
    {
        FetchIfMissing(dataset, dataDir, cancellation);
        return DatasetCatalog.Identify(dataset, dataDir);
    }

    /// <summary>The dataset's splits (see <see cref="DatasetCatalog.Load"/>), fetching it first if missing.</summary>
    public static DataSplits Load(string dataset, string? dataDir, int validationSize, CancellationToken cancellation = default)
    {
        FetchIfMissing(dataset, dataDir, cancellation);
        return DatasetCatalog.Load(dataset, dataDir, validationSize);
    }

    /// <summary>Fetches into the data root with progress on stderr: bars on a terminal, plain lines otherwise.</summary>
    public static FetchResult Fetch(string dataset, string? dataDir, string? from, CancellationToken cancellation) =>
        WithProgress(progress => new DatasetFetcher().FetchAsync(dataset, dataDir, from, progress, cancellation))!;

    private static void FetchIfMissing(string dataset, string? dataDir, CancellationToken cancellation)
    {
        if (!DatasetCatalog.IsKnownName(dataset)) return;
        var folder = DatasetCatalog.ResolveFolder(dataset, dataDir);
        if (DatasetCatalog.MissingFiles(folder).Count == 0) return;
        Console.Error.WriteLine($"{dataset} is not in {folder} yet: fetching it once (`./sweep data get {dataset}` does the same)");
        var result = WithProgress(progress => new DatasetFetcher().FetchIfMissingAsync(dataset, dataDir, progress, cancellation));
        if (result is not null)
            Console.Error.WriteLine($"{result.Name}: {result.Folder} (fetched from {result.Source ?? "the cache"}, verified; checksum {result.Checksum[..12]}…)");
    }

    private static T WithProgress<T>(Func<IProgress<FetchProgress>, Task<T>> fetch)
    {
        if (Console.IsErrorRedirected) return fetch(new PlainFetchProgress(Console.Error)).GetAwaiter().GetResult();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn())
            .Start(context => fetch(new SpectreFetchProgress(context)).GetAwaiter().GetResult());
    }
}
