using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sweep.Cli.Tests.Commands;

/// <summary>`sweep train` as a user runs it: real process, real MNIST.</summary>
public class TrainCommandTests
{
    [Fact]
    public void SoftmaxRegression_ReachesTheTutorials92Percent()
    {
        var report = TrainJson("--hidden", "none", "--lr", "0.5", "--lambda", "1e-4", "--epochs", "10");

        Assert.Equal("completed", (string?)report["status"]);
        Assert.True((double)report["test_acc"]! >= 0.92, $"test_acc {report["test_acc"]}");
        Assert.Equal(10, report["epochs"]!.AsArray().Count);
    }

    [Fact]
    public void OneHiddenLayerOf500_ReachesTheTutorials98Percent_AndIsIdenticalForOneAndTwoThreads()
    {
        string[] args = ["--hidden", "500", "--lr", "0.5", "--lambda", "1e-4", "--epochs", "10"];
        var oneThread = TrainJson([.. args, "--threads", "1"]);
        var twoThreads = TrainJson([.. args, "--threads", "2"]);

        Assert.Equal("completed", (string?)oneThread["status"]);
        Assert.True((double)oneThread["test_acc"]! >= 0.98, $"test_acc {oneThread["test_acc"]}");
        Assert.Equal(WithoutTimings(oneThread), WithoutTimings(twoThreads));
    }

    /// <summary>dropout, added through the parameter table alone, reaches the Engine: the same seed trains otherwise.</summary>
    [Fact]
    public void Dropout_IsInTheConfig_AndChangesWhatIsTrained()
    {
        string[] args = ["--hidden", "32", "--lr", "0.3", "--epochs", "1", "--seed", "7"];

        var plain = TrainJson(args);
        var dropped = TrainJson([.. args, "--dropout", "0.3"]);

        Assert.Equal(0.3, (double)dropped["config"]!["dropout"]!);
        Assert.Equal(0.0, (double)plain["config"]!["dropout"]!);
        Assert.Equal("completed", (string?)dropped["status"]);
        Assert.NotEqual((double)plain["train_loss"]!, (double)dropped["train_loss"]!);
    }

    [Fact]
    public void SameCommandTwice_GivesIdenticalJson_ApartFromTimings()
    {
        string[] args = ["--hidden", "32", "--lr", "0.3", "--epochs", "2", "--seed", "7"];

        Assert.Equal(WithoutTimings(TrainJson(args)), WithoutTimings(TrainJson(args)));
    }

    [Fact]
    public void Json_HasEveryPromisedField()
    {
        var report = TrainJson("--epochs", "1");

        foreach (var field in new[] { "status", "test_acc", "test_loss", "val_acc", "val_loss", "train_loss", "seconds", "epochs" })
            Assert.True(report.ContainsKey(field), $"missing {field}");
        var epoch = report["epochs"]![0]!.AsObject();
        foreach (var field in new[] { "epoch", "train_loss", "val_loss", "val_acc", "seconds" })
            Assert.True(epoch.ContainsKey(field), $"epoch lacks {field}");
    }

    [Fact]
    public void Json_GoesToStdout_AndProgressLinesToStderr()
    {
        var run = SweepProcess.Run("train", "--epochs", "2", "--json");

        Assert.Equal(0, run.ExitCode);
        JsonNode.Parse(run.Stdout); // exactly one JSON document, nothing else
        Assert.Contains("epoch 1/2", run.Stderr);
        Assert.Contains("epoch 2/2", run.Stderr);
    }

    [Fact]
    public void SaveThenEval_ReportsTheSameTestAccuracy_AndAConfusionMatrix()
    {
        var folder = Directory.CreateTempSubdirectory("sweep-eval-").FullName;
        try
        {
            var model = Path.Combine(folder, "model.bin");
            var report = TrainJson("--epochs", "1", "--save", model);
            var eval = SweepProcess.Run("eval", model);

            Assert.Equal(0, eval.ExitCode);
            var accuracy = (double)report["test_acc"]! * 100;
            Assert.Contains($"test_acc {accuracy.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}%", eval.Stdout);
            Assert.Contains("confusion", eval.Stdout);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--lr", "0", "lr must be > 0")]
    [InlineData("--lr", "abc", "abc")]
    [InlineData("--lambda", "-1", "lambda must be >= 0")]
    [InlineData("--batch", "0", "batch must be >= 1")]
    [InlineData("--epochs", "0", "epochs must be >= 1")]
    [InlineData("--hidden", "500,x", "'x' is not a layer width")]
    [InlineData("--hidden", "0", "'0' is not a layer width")]
    [InlineData("--init", "zeros", "'zeros' is not one of gaussian, he")]
    [InlineData("--momentum", "1", "momentum must be in [0, 1)")]
    [InlineData("--dropout", "1", "dropout must be in [0, 1)")]
    [InlineData("--val-size", "-5", "--val-size must be >= 0")]
    [InlineData("--dataset", "cifar", "cifar")]
    [InlineData("--no-such-option", "1", "no-such-option")]
    public void BadArgument_ExitsWith2_AndAOneLineReason(string option, string value, string expected)
    {
        var run = SweepProcess.Run("train", option, value, "--epochs", option == "--epochs" ? value : "1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr);
        Assert.Single(run.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void MissingDataFolder_ExitsWith2_NamingThePath()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sweep-no-such-data-" + Guid.NewGuid());
        var run = SweepProcess.Run("train", "--dataset", folder, "--epochs", "1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(folder, run.Stderr);
    }

    private static JsonObject TrainJson(params string[] args)
    {
        var run = SweepProcess.Run(["train", .. args, "--json"]);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        return JsonNode.Parse(run.Stdout)!.AsObject();
    }

    /// <summary>The report with every "seconds" field removed: the only values allowed to differ between runs.</summary>
    private static string WithoutTimings(JsonObject report)
    {
        var copy = JsonNode.Parse(report.ToJsonString())!.AsObject();
        copy.Remove("seconds");
        foreach (var epoch in copy["epochs"]!.AsArray()) epoch!.AsObject().Remove("seconds");
        copy["config"]!.AsObject().Remove("threads");
        return copy.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
