using System.Globalization;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// `sweep bench ui` as a user runs it, at a small size: the generated file's counts, a row of figures for every page and
/// API of the real server, the HTML report's size and the two checks with a verdict, and its temporary folder gone.
/// </summary>
public sealed class BenchUiCommandTests
{
    private static readonly string[] Requests = ["/", "/api/sweeps", "/sweeps/big", "/api/sweeps/big", "/trials/", "/api/trials/"];

    [Fact]
    public void SmallBench_PrintsEveryPagesFigures_TheReportSize_AndBothChecks()
    {
        var before = Directory.EnumerateDirectories(Path.GetTempPath(), "sweep-bench-ui-*").ToHashSet();

        var result = SweepProcess.Run("bench", "ui", "--trials", "300", "--epochs", "4", "--repeat", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^bench ui: 300 trials \(\d+ completed, \d+ pruned, \d+ failed\), \d+ epoch rows, \d+ decisions", result.StdoutLines[0]);
        foreach (var request in Requests)
        {
            // A trial's request names the trial's hash after the prefix.
            var row = Assert.Single(result.StdoutLines.Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
                fields => fields.Length > 0 && (fields[0] == request || (request.EndsWith("trials/", StringComparison.Ordinal)
                    && fields[0].StartsWith(request, StringComparison.Ordinal) && fields[0].Length > request.Length)));
            var figures = row[1..];
            Assert.Equal(4, figures.Length);
            Assert.All(figures, figure => Assert.True(double.Parse(figure, CultureInfo.InvariantCulture) >= 0, string.Join(' ', row)));
        }
        Assert.Matches(@"HTML report \(sweep report big --html\): \d+\.\d\d MB, built in \d+ ms", result.Stdout);
        Assert.Matches(@"check page time: slowest warm request \d+ ms \(polled or after a change\); < 1000 ms: (PASS|FAIL)", result.Stdout);
        Assert.Matches(@"check report size: \d+\.\d\d MB; < 5\.00 MB: PASS", result.Stdout);
        Assert.DoesNotContain(Directory.EnumerateDirectories(Path.GetTempPath(), "sweep-bench-ui-*"), folder => !before.Contains(folder));
    }
}
