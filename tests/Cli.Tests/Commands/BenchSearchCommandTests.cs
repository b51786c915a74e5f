using System.Globalization;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// `sweep bench search` as a user runs it, on real MNIST at a tiny size (one seed, 4 trials of 2 epochs): every method's
/// row and best-so-far series, the three checks with a verdict, figures that agree with the results files it kept,
/// and bad options refused before anything runs.
/// </summary>
public sealed class BenchSearchCommandTests
{
    private static readonly string[] Methods = ["grid", "random", "bayes", "random+hyperband", "bayes+hyperband"];

    [Fact]
    public void TinyBench_PrintsEveryMethod_TheChecks_AndFiguresTheResultsFilesHold()
    {
        using var folder = new TempFolder();
        var kept = Path.Combine(folder.Path, "kept");

        var result = SweepProcess.RunIn(folder.Path, "bench", "search", "--seeds", "1", "--trials", "4", "--epochs", "2", "--results", kept);

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = Methods.ToDictionary(method => method, method => Row(result, method, fields: 8));
        var curves = Methods.ToDictionary(method => method, method => Row(result, method, fields: 5));
        foreach (var method in Methods)
        {
            using var store = Store(kept, method);
            var trials = store.TrialRows("bench-search");
            Assert.Equal(trials.Count(row => row.Status.IsResult()), int.Parse(rows[method][1], CultureInfo.InvariantCulture));
            Assert.Equal(trials.Sum(row => row.EpochsDone ?? 0), int.Parse(rows[method][2], CultureInfo.InvariantCulture));
            var best = trials.Where(row => row.Status == TrialStatus.Completed).MaxBy(row => row.ValAcc)!;
            Assert.Equal(Metric.ValAcc.Format(best.ValAcc), rows[method][3]);
            Assert.Equal(Metric.TestAcc.Format(best.TestAcc), rows[method][5]);
            // The last point of the series is the whole run of 4 × 2 epochs, or less: the best so far never passes the best.
            Assert.True(curves[method][4] == "-" || Percent(curves[method][4]) <= Percent(rows[method][3]), result.ToString());
        }
        Assert.Equal(3, Hashes(kept, "grid").Length); // 1 lr × 1 lambda × 3 hidden: about --trials cells
        Assert.All(Methods.Skip(1), method => Assert.Equal("4", rows[method][1]));

        // Hyperband's paired comparison: the very trials random ran in full, fewer epochs of them.
        Assert.Equal(Hashes(kept, "random"), Hashes(kept, "random+hyperband"));
        Assert.True(int.Parse(rows["random+hyperband"][2], CultureInfo.InvariantCulture) < int.Parse(rows["random"][2], CultureInfo.InvariantCulture), result.ToString());
        var share = 100.0 * int.Parse(rows["random+hyperband"][2], CultureInfo.InvariantCulture) / int.Parse(rows["random"][2], CultureInfo.InvariantCulture);
        var epochsCheck = Check(result, "check hyperband epochs: ");
        Assert.Contains($"consumed {share.ToString("0", CultureInfo.InvariantCulture)}% of the epochs", epochsCheck);
        Assert.EndsWith(share <= 40 ? "PASS" : "FAIL", epochsCheck);
        Assert.Matches("(PASS|FAIL)$", Check(result, "check hyperband test_acc: "));
        Assert.Contains($"random's median best val_acc {rows["random"][3]} after ", Check(result, "check bayes trials: "));
    }

    [Theory]
    [InlineData("--seeds", "0")]
    [InlineData("--trials", "0")]
    [InlineData("--epochs", "1")]
    [InlineData("--workers", "0")]
    public void ABadCount_ExitsTwo_WithOneLineNamingIt(string option, string value)
    {
        using var folder = new TempFolder();

        var result = SweepProcess.RunIn(folder.Path, "bench", "search", option, value);

        Assert.True(result.ExitCode == 2 && result.StderrLines.Count == 1 && result.Stdout.Length == 0, result.ToString());
        Assert.Contains(option, result.Stderr);
        Assert.Contains($"got {value}", result.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void AResultsFolderThatIsNotEmpty_ExitsTwo_AndIsLeftAsItWas()
    {
        using var folder = new TempFolder();
        folder.Write("earlier.db", "not ours");

        var result = SweepProcess.RunIn(folder.Path, "bench", "search", "--results", folder.Path);

        Assert.True(result.ExitCode == 2 && result.StderrLines.Count == 1 && result.Stdout.Length == 0, result.ToString());
        Assert.Contains("--results", result.Stderr);
        Assert.Contains("not empty", result.Stderr);
        Assert.Equal(["earlier.db"], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void TheBenchHelp_ListsSearch()
    {
        var help = SweepProcess.Run("bench", "--help");

        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("search", SweepCommandModel.ListedCommands(help.Stdout));
    }

    /// <summary>The one stdout row of <paramref name="method"/> with this many whitespace-separated fields.</summary>
    private static string[] Row(SweepResult result, string method, int fields) =>
        Assert.Single(result.StdoutLines.Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
            cells => cells.Length == fields && cells[0] == method);

    private static string Check(SweepResult result, string start) =>
        Assert.Single(result.StdoutLines, line => line.StartsWith(start, StringComparison.Ordinal));

    private static double Percent(string cell) => double.Parse(cell.TrimEnd('%'), CultureInfo.InvariantCulture);

    private static ResultsStore Store(string folder, string method) => ResultsStore.Open(Path.Combine(folder, $"{method}-seed1.db"));

    private static string[] Hashes(string folder, string method)
    {
        using var store = Store(folder, method);
        return store.TrialRows("bench-search").Select(row => row.Hash).Order(StringComparer.Ordinal).ToArray();
    }
}
