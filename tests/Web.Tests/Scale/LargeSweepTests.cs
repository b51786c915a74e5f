using System.Diagnostics;
using Sweep.Results;
using Sweep.Results.Synthetic;
using Sweep.Web.Data;
using Sweep.Web.Tests.Server;
using Xunit.Abstractions;

namespace Sweep.Web.Tests.Scale;

/// <summary>
/// A sweep of 10,000 trials and about 100,000 epochs (<see cref="BigResultsFile"/>): every page and API answers in full, the HTML report stays under 5 MB,
/// and the times are printed (a benchmark's figures, not asserted: tests never assert wall-clock time): each request
/// the first time, then again (the JSON of an unchanged file comes from the cache), and the sweep's JSON built warm.
/// </summary>
public sealed class LargeSweepTests(ITestOutputHelper output)
{
    private const long ReportLimitBytes = 5L * 1024 * 1024;

    [Fact]
    public async Task TenThousandTrials_ServeEveryPage_AndTheHtmlReportIsUnderFiveMegabytes()
    {
        using var file = new TempResultsFile();
        var written = BigResultsFile.Write(file.Path);
        string hash;
        using (var reader = ResultsStore.OpenReadOnly(file.Path)) hash = reader.TrialRows(BigResultsFile.SweepName)[1234].Hash;
        await using var ui = await RunningUi.StartAsync(file.Path);
        var paths = new[] { "/", "/api/sweeps", $"/sweeps/{BigResultsFile.SweepName}", $"/api/sweeps/{BigResultsFile.SweepName}",
            $"/trials/{hash}", $"/api/trials/{hash}" };

        foreach (var path in paths)
        {
            var first = Stopwatch.StartNew();
            var (status, body, _) = await ui.GetAsync(path);
            var firstTime = first.Elapsed.TotalMilliseconds;
            Assert.True(status == 200, $"{path}: {status}");
            var again = Stopwatch.StartNew();
            Assert.Equal(200, (await ui.GetAsync(path)).Status);
            output.WriteLine($"GET {path[..Math.Min(path.Length, 40)],-40} {body.Length / 1024.0,8:0.0} KB  first {firstTime,6:0} ms  again {again.Elapsed.TotalMilliseconds,5:0} ms");
        }
        var sweep = await ui.JsonAsync($"/api/sweeps/{BigResultsFile.SweepName}");
        Assert.Equal(10_000, sweep.GetProperty("trials").GetProperty("hash").GetArrayLength());
        Assert.Equal(written.EpochRows, sweep.GetProperty("curves").GetProperty("val_loss").EnumerateArray().Sum(trial => trial.GetArrayLength()));

        using var store = ResultsStore.OpenReadOnly(file.Path);
        var record = store.GetSweep(BigResultsFile.SweepName)!;
        var build = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        SweepPayload.Write(store, record);
        output.WriteLine($"sweep JSON built warm: {build.Elapsed.TotalMilliseconds:0} ms ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms CPU, all threads)");
        var report = HtmlReport.Render(store, record);
        output.WriteLine($"HTML report: {report.Length / 1024.0 / 1024.0:0.00} MB");
        Assert.True(report.Length < ReportLimitBytes, $"the HTML report of 10,000 trials is {report.Length} bytes");
    }
}
