using System.Diagnostics;
using System.Globalization;
using Spectre.Console.Cli;
using Sweep.Cli.Benchmarks;
using Sweep.Engine.Training;
using Sweep.Results;
using Sweep.Results.Synthetic;
using Sweep.Web;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep bench ui`: writes a synthetic finished sweep (<see cref="BigResultsFile"/>: 10,000 trials, about 100,000 epoch
/// rows by default) into a temporary results file, serves it with the real `sweep ui` server on a free loopback port, and
/// prints for every page and API its size, the first request (JIT and an empty cache included), the median of
/// --repeat requests as a polling page sees them (the JSON of an unchanged file is cached), and the median of rebuilds
/// after the file changed (its time stamp moved, as a writer's commit moves it); then the self-contained HTML report's
/// size and build time. Times are measured on loopback with this machine's client, so they include the HTTP round trip.
/// The checks say PASS or FAIL against the issue's limits (1 s per page, 5 MB per report); exit 0 either way.
/// </summary>
public sealed class BenchUiCommand : Command<BenchUiSettings>
{
    private const double PageLimitMilliseconds = 1000;
    private const long ReportLimitBytes = 5L * 1024 * 1024;

    public override int Execute(CommandContext context, BenchUiSettings settings, CancellationToken cancellation)
    {
        var folder = Directory.CreateTempSubdirectory("sweep-bench-ui-");
        try
        {
            var path = Path.Combine(folder.FullName, "results.db");
            var writing = Stopwatch.StartNew();
            var counts = BigResultsFile.Write(path, settings.Trials, settings.Epochs);
            Console.WriteLine($"bench ui: {counts.Trials} trials ({counts.Completed} completed, {counts.Pruned} pruned, {counts.Failed} failed), " +
                              $"{counts.EpochRows} epoch rows, {counts.Decisions} decisions; written in {Seconds(writing.Elapsed)} s, " +
                              $"{Megabytes(new FileInfo(path).Length)} MB");
            return Measure(path, settings.Repeat, cancellation).GetAwaiter().GetResult();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<int> Measure(string path, int repeat, CancellationToken cancellation)
    {
        string hash;
        using (var reader = ResultsStore.OpenReadOnly(path))
        {
            var rows = reader.TrialRows(BigResultsFile.SweepName);
            hash = rows[rows.Count / 2].Hash;
        }
        await using var ui = await UiServer.StartAsync(new UiServerOptions(path, Port: 0), cancellation);
        using var client = new HttpClient { BaseAddress = ui.Address, Timeout = TimeSpan.FromMinutes(2) };
        string[] paths = ["/", "/api/sweeps", $"/sweeps/{BigResultsFile.SweepName}", $"/api/sweeps/{BigResultsFile.SweepName}",
            $"/trials/{hash}", $"/api/trials/{hash}"];

        Console.WriteLine($"sweep ui at {ui.Address}; milliseconds per request, median of {repeat}");
        Console.WriteLine($"{"request",-28} {"KB",8} {"first",8} {"polled",8} {"changed",8}");
        var slowest = 0.0;
        foreach (var page in paths)
        {
            var first = await Timed(client, page, cancellation);
            var polled = Median(await Repeated(client, page, repeat, before: null, cancellation));
            // A writer's commit moves the file's time stamp, which is all the server's cache looks at.
            var changed = Median(await Repeated(client, page, repeat, () => File.SetLastWriteTimeUtc(path, DateTime.UtcNow), cancellation));
            slowest = Math.Max(slowest, Math.Max(polled, changed));
            Console.WriteLine($"{Shorten(page),-28} {first.Bytes / 1024.0,8:0.0} {first.Milliseconds,8:0} {polled,8:0} {changed,8:0}");
        }

        using var store = ResultsStore.OpenReadOnly(path);
        var building = Stopwatch.StartNew();
        var report = HtmlReport.Render(store, store.GetSweep(BigResultsFile.SweepName)!);
        Console.WriteLine($"HTML report (sweep report {BigResultsFile.SweepName} --html): {Megabytes(report.Length)} MB, built in {building.Elapsed.TotalMilliseconds:0} ms");
        Console.WriteLine($"check page time: slowest warm request {slowest:0} ms (polled or after a change); < {PageLimitMilliseconds:0} ms: {CheckVerdict.Of(slowest < PageLimitMilliseconds)}");
        Console.WriteLine($"check report size: {Megabytes(report.Length)} MB; < {Megabytes(ReportLimitBytes)} MB: {CheckVerdict.Of(report.Length < ReportLimitBytes)}");
        return ExitCodes.Ok;
    }

    private static async Task<List<double>> Repeated(HttpClient client, string page, int repeat, Action? before, CancellationToken cancellation)
    {
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            before?.Invoke();
            times.Add((await Timed(client, page, cancellation)).Milliseconds);
        }
        return times;
    }

    private static async Task<(double Milliseconds, long Bytes)> Timed(HttpClient client, string page, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(page, cancellation);
        var body = await response.Content.ReadAsByteArrayAsync(cancellation);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {page}: {(int)response.StatusCode}");
        return (elapsed, body.Length);
    }

    private static double Median(List<double> values) => EpochBenchmark.Median(values);

    private static string Shorten(string page) => page.Length <= 28 ? page : page[..25] + "...";

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture);
}
