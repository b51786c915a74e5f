using System.Globalization;
using System.Text.RegularExpressions;

namespace Sweep.Cli.Tests.Commands;

/// <summary>`sweep bench engine` as a user runs it: every figure measured on this machine, none carried from another.</summary>
public sealed partial class BenchEngineCommandTests
{
    [Fact]
    public void BenchEngine_MeasuresThisCoresPeak_UsesItForTheFractionOfPeak_AndPrintsNoConstantFromAnotherMachine()
    {
        var result = SweepProcess.Run("bench", "engine", "--threads", "1", "--epochs", "1", "--models", "softmax,mlp");

        Assert.True(result.ExitCode == 0, result.ToString());
        var peakLine = Assert.Single(result.StdoutLines, line => line.StartsWith("peak used below:", StringComparison.Ordinal));
        var peak = double.Parse(PeakUsed().Match(peakLine).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(peak > 0, peakLine);
        Assert.Contains(result.StdoutLines, line => line.StartsWith("scalar", StringComparison.Ordinal) || line.Contains("  scalar ", StringComparison.Ordinal));

        // Each GEMM row's fraction is its GFLOPS over the peak printed above.
        var row = Assert.Single(result.StdoutLines, line => line.Contains("forward hidden X·W", StringComparison.Ordinal) && !line.Contains("naive", StringComparison.Ordinal));
        var cells = row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var gflops = double.Parse(cells[3], CultureInfo.InvariantCulture);
        var percent = double.Parse(cells[4].TrimEnd('%', ' '), CultureInfo.InvariantCulture);
        Assert.InRange(percent, 100 * gflops / peak - 1, 100 * gflops / peak + 1); // both printed rounded

        // The epoch row's floor: the GEMM flops counted in the epoch (784-500-10: at most 96 GFLOP per 60k images,
        // fewer with blank input columns skipped) at the peak, and the time as a multiple of it.
        var floorRow = result.StdoutLines.Last(line => line.Contains("784-500-10 ", StringComparison.Ordinal) && !line.Contains("adam", StringComparison.Ordinal));
        var floorCells = floorRow.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (gflop, gflopsRun, floor, timesFloor) = (Number(floorCells[2]), Number(floorCells[3]), Number(floorCells[4]), Number(floorCells[5]));
        Assert.InRange(gflop, 40, 96);
        Assert.InRange(floor, gflop / peak * 1000 - 2, gflop / peak * 1000 + 2); // both printed rounded
        // × floor is the epoch's time over the floor, and the epoch's time is its GFLOP at the GFLOPS it ran at.
        Assert.InRange(timesFloor, peak / gflopsRun * 0.97 - 0.01, peak / gflopsRun * 1.03 + 0.01);
        Assert.DoesNotContain("conv 16-32-128", result.Stdout); // not among --models

        // Where the epoch goes: the kinds of pass each model runs, whose times and the rest make up its mean epoch.
        var passes = PassRows(result.StdoutLines);
        Assert.Equal(["gather", "products", "elementwise", "loss", "step", "rest"], passes["softmax"].Keys); // a 10-wide first layer skips no columns
        Assert.Equal(["gather", "compaction", "products", "elementwise", "loss", "step", "rest"], passes["mlp"].Keys);
        // The products can run no faster than their flops at the peak: the floor.
        Assert.True(passes["mlp"]["products"] >= 0.9 * floor, $"products {passes["mlp"]["products"]} ms, floor {floor} ms");
        var epochRow = result.StdoutLines.First(line => line.Contains("784-500-10 ", StringComparison.Ordinal));
        var epochCells = epochRow.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (fastest, slowest) = (Number(epochCells[3]), Number(epochCells[4]));
        Assert.InRange(passes["mlp"].Values.Sum(), fastest - 1, slowest + 1); // one timed epoch: its passes and rest are it

        Assert.Contains("softmax 784-10", result.Stdout);
        Assert.Contains("784-500-10", result.Stdout);
        Assert.Contains("median of 1", result.Stdout);
        foreach (var framework in new[] { "libtorch", "numpy" }) Assert.DoesNotContain(framework, result.Stdout);
        Assert.DoesNotContain("Between cores", result.Stdout); // one thread moves nothing between cores
    }

    [Fact]
    public void BenchEngine_WithTwoThreads_MeasuresWhatMovingACacheLineBetweenCoresCosts()
    {
        var result = SweepProcess.Run("bench", "engine", "--threads", "1,2", "--epochs", "2", "--models", "softmax");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Between cores (two threads, best of 5)", result.Stdout);
        var line = Assert.Single(result.StdoutLines, line => line.StartsWith("cache line round trip", StringComparison.Ordinal));
        var match = BetweenCores().Match(line);
        Assert.True(match.Success, line);
        // Any two cores take tens of ns at least to hand a line over and back; a figure of 0 would be a clock misread.
        Assert.InRange(Number(match.Groups[1].Value), 10, 1e6);
        Assert.InRange(Number(match.Groups[2].Value), 0.1, 1e4);
        var split = Assert.Single(result.StdoutLines, line => line.StartsWith("w -= r·g on 784×512", StringComparison.Ordinal));
        var splits = SplitUpdate().Match(split);
        Assert.True(splits.Success, split);
        // A pass over 1.6 MB of weights and as much gradient takes microseconds, not nanoseconds or seconds.
        var (byRows, byFeatures) = (Number(splits.Groups[1].Value), Number(splits.Groups[2].Value));
        Assert.InRange(byRows, 1, 1e5);
        Assert.InRange(byFeatures, 1, 1e5);
        Assert.Equal(Math.Round(byFeatures / byRows, 1), Number(splits.Groups[3].Value), 0.11);

        // The two counts took turns in one run: two rounds of a 1- and a 2-thread epoch, their ratios' median and range.
        Assert.Contains("thread counts took turns epoch by epoch (1, 2, 2, 1, …); per round:", result.StdoutLines);
        var speedUpLine = Assert.Single(result.StdoutLines, line => line.StartsWith("softmax 784-10: 1 → 2 threads", StringComparison.Ordinal));
        var speedUp = SpeedUp().Match(speedUpLine);
        Assert.True(speedUp.Success, speedUpLine);
        var (median, lowest, highest) = (Number(speedUp.Groups[1].Value), Number(speedUp.Groups[2].Value), Number(speedUp.Groups[3].Value));
        Assert.True(lowest > 0 && lowest <= highest, speedUpLine);
        Assert.InRange(median, (lowest + highest) / 2 - 0.011, (lowest + highest) / 2 + 0.011); // two rounds: the mean of both, all rounded
        Assert.Equal(2, result.StdoutLines.Count(line => line.StartsWith("│ softmax 784-10 │", StringComparison.Ordinal) && line.Contains("│ 2 ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void BenchEngine_RefusesAPeakOverrideThatIsNotPositive(string peak)
    {
        var result = SweepProcess.Run("bench", "engine", "--peak", peak);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--peak must be a number > 0", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void BenchEngine_RefusesAModelItDoesNotKnow_NamingTheOptionAndTheChoices()
    {
        var result = SweepProcess.Run("bench", "engine", "--models", "softmax,lenet");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--models: 'lenet' is not a model (expected some of softmax, mlp, adam, conv)", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    private static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    /// <summary>The "Where an epoch goes" table at one thread count: model → pass → ms, in the printed order.</summary>
    private static Dictionary<string, Dictionary<string, double>> PassRows(IReadOnlyList<string> lines)
    {
        var rows = new Dictionary<string, Dictionary<string, double>>();
        var start = lines.ToList().FindIndex(line => line.StartsWith("Where an epoch goes", StringComparison.Ordinal));
        Assert.True(start >= 0, "no pass table");
        string? model = null;
        foreach (var line in lines.Skip(start))
        {
            var cells = line.Split('│').Select(cell => cell.Trim()).ToArray();
            if (cells.Length != 5 || cells[1] == "model") continue;
            if (cells[1].Length > 0) model = cells[1];
            (rows.TryGetValue(model!, out var passes) ? passes : rows[model!] = [])[cells[2]] = Number(cells[3]);
        }
        return rows;
    }

    [GeneratedRegex(@"peak used below: ([0-9.]+) GFLOPS per core \((Vector512|Vector256|Vector128|scalar)\)")]
    private static partial Regex PeakUsed();

    [GeneratedRegex(@"^cache line round trip ([0-9]+) ns; reading 1 MB another core wrote: ([0-9.]+) GB/s$")]
    private static partial Regex BetweenCores();

    [GeneratedRegex(@"^w -= r·g on 784×512: ([0-9.]+) µs split by rows, ([0-9.]+) µs by features \(([0-9.]+)×\)$")]
    private static partial Regex SplitUpdate();

    [GeneratedRegex(@"^softmax 784-10: 1 → 2 threads ([0-9.]+)× \(median of 2 rounds: ([0-9.]+)–([0-9.]+)×\)$")]
    private static partial Regex SpeedUp();
}
