using System.Globalization;
using System.Text;
using System.Text.Json;
using Sweep.Trials;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// `sweep export` as a real process on a results file of a real run: both shapes in both formats read back with a strict
/// RFC 4180 reader and System.Text.Json and compared with what ResultsStore holds; only data on stdout; -o the same bytes.
/// </summary>
public sealed class ExportCommandTests(ExportedSweep sweep) : IClassFixture<ExportedSweep>
{
    [Fact]
    public void Trials_Csv_IsTheDefault_ARowPerTrial_EqualToTheStore()
    {
        var result = sweep.Export(ExportedSweep.Name);

        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
        Assert.All(HyperParameters.Names, name => Assert.Contains(name, CsvReader.Read(result.Stdout)[0]));
        var records = CsvReader.ReadRows(result.Stdout);
        var trials = sweep.Trials();
        var codes = sweep.Codes();
        Assert.Equal(trials.Count, records.Count);
        Assert.Contains(trials, trial => trial.Status == TrialStatus.Pruned);
        for (var i = 0; i < trials.Count; i++)
        {
            var trial = trials[i];
            var field = records[i];
            Assert.Equal(new[] { ExportedSweep.Name, trial.Hash, "16,8", trial.Status.Name(), trial.Worker ?? "" },
                new[] { field["sweep"], field["hash"], field["hidden"], field["status"], field["worker"] });
            Assert.Equal(trial.Config.LearningRate, ExportedNumber.Of(field["lr"]));
            foreach (var metric in Metric.All) Assert.Equal(metric.ValueOf(trial), ExportedNumber.Of(field[metric.Name]));
            Assert.Equal(trial.Seconds, ExportedNumber.Of(field["seconds"]));
            Assert.Equal(new[] { trial.StartedAt ?? "", trial.FinishedAt ?? "", trial.Error ?? "" }, new[] { field["started_at"], field["finished_at"], field["error"] });
            Assert.Equal(codes[trial.Hash], field["code"]);
            Assert.Matches("^[0-9a-f]{12}$", field["code"]);
            // A trial pruned at epoch k stopped there; the rung decision that did it is in its row.
            Assert.Equal(trial.Status == TrialStatus.Pruned ? trial.EpochsDone?.ToString(CultureInfo.InvariantCulture) : "", field["pruned_at_epoch"]);
        }
    }

    [Fact]
    public void Trials_Json_IsAnArrayOfObjectsPerTrial_NumbersAsNumbers()
    {
        var result = sweep.Export(ExportedSweep.Name, "--trials", "--format", "json");

        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var objects = json.RootElement.EnumerateArray().ToList();
        var trials = sweep.Trials();
        Assert.Equal(trials.Count, objects.Count);
        for (var i = 0; i < trials.Count; i++)
        {
            var trial = trials[i];
            var item = objects[i];
            Assert.Equal(trial.Hash, item.GetProperty("hash").GetString());
            Assert.Equal(trial.Config.LearningRate, item.GetProperty("lr").GetDouble());
            Assert.Equal(trial.Config.Seed, item.GetProperty("seed").GetUInt64());
            Assert.Equal("16,8", item.GetProperty("hidden").GetString());
            Assert.Equal(trial.Attempt, item.GetProperty("attempt").GetInt32());
            Assert.Equal(trial.EpochsDone, item.GetProperty("epochs_done").GetInt32());
            foreach (var metric in Metric.All) Assert.Equal(metric.ValueOf(trial), ExportedNumber.Of(item.GetProperty(metric.Name)));
            Assert.Equal(trial.Seconds, item.GetProperty("seconds").GetDouble());
            Assert.Equal(JsonValueKind.Null, item.GetProperty("results_seen").ValueKind); // a grid's trials: no proposal
        }
    }

    [Fact]
    public void Epochs_CsvAndJson_HaveARowPerStoredEpoch_EqualToTheStore()
    {
        var csv = sweep.Export(ExportedSweep.Name, "--epochs", "--format", "csv");
        var json = sweep.Export(ExportedSweep.Name, "--epochs", "--format", "json");

        Assert.True(csv.ExitCode == 0 && csv.Stderr.Length == 0, csv.ToString());
        Assert.True(json.ExitCode == 0 && json.Stderr.Length == 0, json.ToString());
        var stored = sweep.Epochs();
        Assert.Equal(sweep.Trials().Sum(trial => trial.EpochsDone), stored.Count);
        Assert.Equal(["sweep", "hash", "epoch", "train_loss", "val_loss", "val_acc", "seconds"], CsvReader.Read(csv.Stdout)[0]);
        var records = CsvReader.ReadRows(csv.Stdout);
        Assert.Equal(stored.Count, records.Count);
        using var document = JsonDocument.Parse(json.Stdout);
        var objects = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(stored.Count, objects.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            var (hash, epoch) = stored[i];
            var field = records[i];
            Assert.Equal([hash, epoch.Epoch.ToString(CultureInfo.InvariantCulture)], [field["hash"], field["epoch"]]);
            Assert.Equal(new double?[] { epoch.TrainLoss, epoch.ValLoss, epoch.ValAcc, epoch.Seconds },
                new[] { "train_loss", "val_loss", "val_acc", "seconds" }.Select(name => ExportedNumber.Of(field[name])));
            Assert.Equal(hash, objects[i].GetProperty("hash").GetString());
            Assert.Equal(epoch.Epoch, objects[i].GetProperty("epoch").GetInt32());
            var item = objects[i];
            Assert.Equal(new[] { epoch.TrainLoss, epoch.ValLoss, epoch.ValAcc, epoch.Seconds },
                new[] { "train_loss", "val_loss", "val_acc", "seconds" }.Select(name => item.GetProperty(name).GetDouble()));
        }
    }

    [Fact]
    public void ASweepNameWithACommaAndAQuote_RoundTrips_InCsvAndJson()
    {
        var csv = sweep.Export(ExportedSweep.OddName, "--format", "csv");
        var json = sweep.Export(ExportedSweep.OddName, "--format", "json");

        Assert.True(csv.ExitCode == 0, csv.ToString());
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Contains("\"lr, \"\"quoted\"\"\"", csv.Stdout); // quoted, the quote doubled
        var records = CsvReader.ReadRows(csv.Stdout);
        Assert.Equal(3, records.Count);
        Assert.All(records, record => Assert.Equal(ExportedSweep.OddName, record["sweep"]));
        Assert.All(records, record => Assert.Equal("pending", record["status"]));
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.All(document.RootElement.EnumerateArray(), item => Assert.Equal(ExportedSweep.OddName, item.GetProperty("sweep").GetString()));
    }

    [Theory]
    [InlineData("--trials", "csv")]
    [InlineData("--trials", "json")]
    [InlineData("--epochs", "csv")]
    [InlineData("--epochs", "json")]
    public void Output_WritesTheBytesOfStdout_ToTheFile_AndNothingToStdout(string shape, string format)
    {
        var file = Path.Combine(sweep.Folder.Path, $"export{shape}.{format}");

        var toStdout = sweep.Export(ExportedSweep.Name, shape, "--format", format);
        var toFile = sweep.Export(ExportedSweep.Name, shape, "--format", format, "-o", file);

        Assert.True(toFile.ExitCode == 0, toFile.ToString());
        Assert.Empty(toFile.Stdout);
        Assert.Equal(Encoding.UTF8.GetBytes(toStdout.Stdout), File.ReadAllBytes(file));
        Assert.StartsWith($"sweep export {ExportedSweep.Name}: ", Assert.Single(toFile.StderrLines));
        Assert.DoesNotContain(Directory.GetFiles(sweep.Folder.Path), name => name.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownSweep_ExitsTwo_WithOneLineSayingWhichOneWasMeant()
    {
        var result = sweep.Export("ashaa", "--format", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        var error = Assert.Single(result.StderrLines);
        Assert.Contains("no sweep named 'ashaa'", error);
        Assert.Contains("did you mean 'asha'", error);
    }

    [Theory]
    [InlineData("sweep: --trials and --epochs: give one of them (a row per trial, or a row per epoch)", "--trials", "--epochs")]
    [InlineData("sweep: --format: 'xml' is not an export format (expected csv, json)", "--format", "xml")]
    public void BadOptions_ExitTwo_WithOneLine_AndNoData(string expected, params string[] options)
    {
        var result = sweep.Export([ExportedSweep.Name, .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal(expected, Assert.Single(result.StderrLines));
    }

    [Fact]
    public void Output_InAFolderThatDoesNotExist_ExitsTwo_WritingNothing()
    {
        var file = Path.Combine(sweep.Folder.Path, "missing", "trials.csv");

        var result = sweep.Export(ExportedSweep.Name, "-o", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("does not exist", Assert.Single(result.StderrLines));
        Assert.False(Directory.Exists(Path.GetDirectoryName(file)));
    }
}
