using System.Text.Json;
using Microsoft.VisualBasic.FileIO;
using Sweep.Results;

namespace Sweep.Cli.Tests.Running;

/// <summary>
/// What `sweep run`, `report` and `status` print when their output goes to a pipe or a file, as scripts read it:
/// real processes, real MNIST, a real results file in a temp folder.
/// </summary>
public sealed class RunOutputTests
{
    /// <summary>Three one-epoch trials of a small net: a real run in a few seconds.</summary>
    private const string SmallSweep = """
        name: small
        parameters:
          lr: {values: [0.05, 0.1, 0.2]}
          hidden: {value: [16]}
          epochs: {value: 1}
        """;

    [Fact]
    public void RunFormatJson_WritesOnlyTheReportToStdout_AndEveryTrialsStartLastEpochAndEndToStderr()
    {
        using var folder = new TempFolder();
        var file = folder.Write("small.yaml", SmallSweep);

        var run = SweepProcess.RunIn(folder.Path, "run", file, "--format", "json", "--results", folder.ResultsPath);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout); // the whole of stdout is one JSON document
        Assert.Equal("small", json.RootElement.GetProperty("sweep").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("groups").GetArrayLength());
        using var store = ResultsStore.Open(folder.ResultsPath);
        foreach (var row in store.TrialRows("small"))
        {
            var hash = row.Hash[..10];
            Assert.Contains($"] started  {hash}", run.Stderr);
            Assert.Contains($"] epoch 1/1  {hash}  val_acc ", run.Stderr); // never dropped, however fast the trial ends
            Assert.Matches($@"\] completed  {hash}  val_acc \d+\.\d\d%  \d+\.\ds", run.Stderr);
        }
    }

    [Fact]
    public void AOneEpochTrialOfSeveralSeconds_ShowsHowFarItsEpochHasCome_BeforeItEnds()
    {
        using var folder = new TempFolder();
        // About a teraflop: an epoch of many seconds on any machine this runs on.
        var file = folder.Write("wide.yaml", "name: wide\nparameters:\n  hidden: {value: [2000, 1000]}\n  epochs: {value: 1}\n");

        var run = SweepProcess.RunIn(folder.Path, "run", file, "--workers", "1", "--results", folder.ResultsPath);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StderrLines.ToList();
        var within = lines.FindIndex(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"\] epoch 1/1  [0-9a-f]{10}  \d+%  train_loss \d\.\d{4}$"));
        Assert.True(within >= 0, run.Stderr);
        Assert.True(within < lines.FindIndex(line => line.Contains("] epoch 1/1  ") && line.Contains("val_acc")), run.Stderr);
    }

    [Fact]
    public void RunFormatCsv_WritesOnlyCsvToStdout_WithTheSweepNameAndNoColumnTwice()
    {
        using var folder = new TempFolder();
        var file = folder.Write("small.yaml", SmallSweep);

        var run = SweepProcess.RunIn(folder.Path, "run", file, "--format", "csv", "--results", folder.ResultsPath);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var parser = new TextFieldParser(new StringReader(run.Stdout)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var records = new List<string[]>();
        while (!parser.EndOfData) records.Add(parser.ReadFields()!);
        var header = records[0];
        Assert.Equal(header.Length, header.Distinct().Count());
        Assert.Equal("sweep", header[0]);
        Assert.Equal(4, records.Count);
        Assert.All(records.Skip(1), record =>
        {
            Assert.Equal(header.Length, record.Length);
            Assert.Equal("small", record[0]);
            var accuracy = double.Parse(record[Array.IndexOf(header, "mean_val_acc")], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(accuracy, 0.5, 1.0); // machines get fractions, not percentages
        });
    }

    [Fact]
    public void StatusAndReport_Piped_PrintRowsThatSplitIntoEqualFields_WithLongNamesAndDrawsIntact()
    {
        using var folder = new TempFolder();
        const string name = "seed-replication-with-a-rather-long-name";
        var file = folder.Write("random.yaml", """
            name: draws
            method: random
            run_cap: 10
            parameters:
              lr: {min: 1e-4, max: 1e-1, scale: log}
              epochs: {value: 1}
            """);
        var run = SweepProcess.RunIn(folder.Path, "run", file, "--name", name, "--results", folder.ResultsPath);
        Assert.True(run.ExitCode == 0, run.ToString());

        var status = SweepProcess.RunIn(folder.Path, "status", "--results", folder.ResultsPath);
        var report = SweepProcess.RunIn(folder.Path, "report", name, "--results", folder.ResultsPath);

        Assert.True(status.ExitCode == 0, status.ToString());
        var rows = status.StdoutLines.Select(Fields).ToList();
        Assert.Equal(["sweep", "metric", "goal", "trials", "completed", "pruned", "diverged", "failed", "interrupted", "running", "pending"], rows[0]);
        Assert.Equal([name, "val_acc", "maximize", "10", "10", "0", "0", "0", "0", "0", "0"], Assert.Single(rows.Skip(1)));

        Assert.True(report.ExitCode == 0, report.ToString());
        var lines = report.Stdout.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.DoesNotContain(lines, line => line.IndexOfAny(['│', '─', '…']) >= 0);
        var ranking = Section(lines, "ranking");
        Assert.Equal(11, ranking.Count);
        Assert.All(ranking, line => Assert.Equal(Fields(ranking[0]).Length, Fields(line).Length));
        Assert.All(ranking.Skip(1), line =>
        {
            var fields = Fields(line);
            // Six significant digits, not a draw's 17 (0.0004560966350253057).
            Assert.True(fields[1].Replace(".", "").TrimStart('0').Count(char.IsAsciiDigit) <= 6, $"lr printed with too many digits: {line}");
            Assert.Matches(@"^\d+\.\d\d%$", fields[2]); // accuracies in percent, as the progress shows them
        });
        // Ten random draws of lr: four quantile bins labelled by range, not ten rows.
        var marginal = Section(lines, "marginal mean val_acc");
        Assert.Equal(5, marginal.Count);
        Assert.All(marginal.Skip(1), line => Assert.Matches(@"^lr\s+\S+\.\.\S+\s+\d+\.\d\d%\s+\d+$", line));
    }

    [Fact]
    public void RerunWithOtherOverrides_SaysWhatChanged_AndNameRunsTheVariantBesideTheOriginal()
    {
        using var folder = new TempFolder();
        var file = folder.Write("small.yaml", SmallSweep);
        Assert.Equal(0, SweepProcess.RunIn(folder.Path, "run", file, "lr=0.05,0.1").ExitCode);

        var changed = SweepProcess.RunIn(folder.Path, "run", file, "lr=0.1,0.2,0.3");
        var variant = SweepProcess.RunIn(folder.Path, "run", file, "lr=0.05,0.4", "--name", "small-variant");

        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Contains("sweep small: 2 trials added, 1 trial no longer in this sweep; their results are kept", changed.Stderr);
        Assert.True(variant.ExitCode == 0, variant.ToString());
        Assert.DoesNotContain("no longer in this sweep", variant.Stderr);
        Assert.StartsWith("sweep small-variant: ranked by", variant.Stdout);
        using var store = ResultsStore.Open(folder.ResultsPath);
        Assert.Equal(3, store.TrialRows("small").Count);
        Assert.Equal(2, store.TrialRows("small-variant").Count);
        // lr 0.05 ran in the first run: the variant reuses its result instead of training it again.
        Assert.Equal(1, store.TrialRows("small-variant").Single(row => row.Config.LearningRate == 0.05).Attempt);
    }

    [Fact]
    public void DryRun_MarksTrialsThatHaveAResult_AndNeverCreatesAResultsFile()
    {
        using var folder = new TempFolder();
        var file = folder.Write("small.yaml", SmallSweep);
        var missing = Path.Combine(folder.Path, "none", "results.db");

        var fresh = SweepProcess.RunIn(folder.Path, "run", file, "--dry-run", "--results", missing);
        Assert.Equal(0, SweepProcess.RunIn(folder.Path, "run", file, "lr=0.1").ExitCode);
        var before = File.ReadAllBytes(folder.ResultsPath);
        var marked = SweepProcess.RunIn(folder.Path, "run", file, "--dry-run");

        Assert.True(fresh.ExitCode == 0, fresh.ToString());
        Assert.False(File.Exists(missing));
        Assert.DoesNotContain(fresh.TrialLines, line => line.EndsWith("completed"));
        Assert.True(marked.ExitCode == 0, marked.ToString());
        Assert.Equal(["2  completed"], marked.TrialLines.Where(line => line.EndsWith("completed")).Select(line => line[..1] + "  completed"));
        Assert.Equal(before, File.ReadAllBytes(folder.ResultsPath));
    }

    /// <summary>The rows after a section's title line, up to the blank line that ends it.</summary>
    private static List<string> Section(List<string> lines, string title) =>
        lines.SkipWhile(line => line != title).Skip(1).TakeWhile(line => line.Length > 0).ToList();

    private static string[] Fields(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
