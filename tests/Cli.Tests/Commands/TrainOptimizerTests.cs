using System.Text.Json.Nodes;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// `train --optimizer --beta1 --beta2 --eps`, options that come from the parameter table: a real AdamW run reports them
/// in its config, and a value outside its rule is one line on stderr with exit 2, before any training.
/// </summary>
public sealed class TrainOptimizerTests
{
    [Fact]
    public void TrainWithAdamW_TrainsAndReportsTheOptimizerAndItsParameters()
    {
        var run = SweepProcess.Run("train", "--epochs", "1", "--hidden", "32", "--optimizer", "adamw", "--lr", "0.002",
            "--lambda", "0.01", "--beta1", "0.8", "--beta2", "0.99", "--eps", "1e-7", "--init", "he", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("completed", (string)json["status"]!);
        Assert.True((double)json["test_acc"]! > 0.9, $"one epoch of AdamW on 784-32-10: {json["test_acc"]}");
        var config = json["config"]!;
        Assert.Equal(("adamw", 0.8, 0.99, 1e-7), ((string)config["optimizer"]!, (double)config["beta1"]!, (double)config["beta2"]!, (double)config["eps"]!));
    }

    [Theory]
    [InlineData("--beta1 1", "sweep: beta1 must be in [0, 1) (got 1)")]
    [InlineData("--beta2 -0.1", "sweep: beta2 must be in [0, 1) (got -0.1)")]
    [InlineData("--eps 0", "sweep: eps must be > 0 (got 0)")]
    [InlineData("--optimizer rmsprop", "sweep: --optimizer: 'rmsprop' is not one of sgd, nesterov, adam, adamw")]
    public void ABadValue_IsOneLineOnStderr_Exit2_BeforeTraining(string arguments, string expected)
    {
        var run = SweepProcess.Run(["train", "--epochs", "1", .. arguments.Split(' ')]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(expected, Assert.Single(run.StderrLines));
        Assert.DoesNotContain("epoch 1/1", run.Stdout);
    }
}
