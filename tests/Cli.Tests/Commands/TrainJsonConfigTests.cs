using System.Text.Json.Nodes;

namespace Sweep.Cli.Tests.Commands;

/// <summary>`train --json`'s config holds every option of `train`, as the README promises.</summary>
public sealed class TrainJsonConfigTests
{
    [Fact]
    public void Config_HoldsEveryTrainOption_WithTheValuesGiven()
    {
        var run = SweepProcess.Run("train", "--epochs", "1", "--val-size", "5000", "--hidden", "16", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var config = JsonNode.Parse(run.Stdout)!["config"]!.AsObject();
        foreach (var field in new[] { "dataset", "dataset_sha256", "val_size", "hidden", "lr", "lambda", "batch", "epochs", "seed",
                     "momentum", "init", "lr_schedule", "threads" })
            Assert.True(config.ContainsKey(field), $"config lacks {field}: {config.ToJsonString()}");
        Assert.Equal(5000, (int)config["val_size"]!);
        Assert.Equal(16, (int)config["hidden"]![0]!);
    }
}
