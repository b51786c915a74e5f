using System.Text.Json.Nodes;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// `train --layers`, the network spec from the parameter table: fc layers alone train the hidden net bit for bit, and a
/// bad layer, a shape MNIST's 28×28 images cannot take, or both --hidden and --layers is one line naming --layers, exit 2,
/// before any training.
/// </summary>
public sealed class TrainLayersTests
{
    [Fact]
    public void FullyConnectedLayers_TrainTheHiddenNet_BitForBit()
    {
        string[] common = ["train", "--epochs", "1", "--lr", "0.3", "--seed", "7", "--json"];

        var layers = SweepProcess.Run([.. common, "--layers", "fc:32"]);
        var hidden = SweepProcess.Run([.. common, "--hidden", "32"]);

        Assert.True(layers.ExitCode == 0, layers.ToString());
        Assert.True(hidden.ExitCode == 0, hidden.ToString());
        var (fromLayers, fromHidden) = (JsonNode.Parse(layers.Stdout)!, JsonNode.Parse(hidden.Stdout)!);
        Assert.Equal("[32]", fromLayers["config"]!["hidden"]!.ToJsonString());
        Assert.Equal("[]", fromLayers["config"]!["layers"]!.ToJsonString());
        Assert.Equal((double)fromHidden["train_loss"]!, (double)fromLayers["train_loss"]!);
        Assert.Equal((double)fromHidden["test_acc"]!, (double)fromLayers["test_acc"]!);
    }

    [Theory]
    [InlineData("--layers conv4x4:16", "sweep: --layers: 'conv4x4:16': `same` padding needs an odd kernel side (got 4); write :valid or an odd size")]
    [InlineData("--layers conv5x5:16,pool3", "sweep: --layers: 'pool3': only pool2 (2×2 max-pool, stride 2) is supported")]
    [InlineData("--layers conv15x15:8:valid,conv15x15:8:valid",
        "sweep: --layers conv15x15:8:valid,conv15x15:8:valid: layer 2 (conv15x15:8:valid): a valid 15×15 convolution does not fit the 14×14×8 image it receives (the images are 28×28)")]
    [InlineData("--layers fc:10,pool2", "sweep: --layers fc:10,pool2: layer 2 (pool2) comes after an fc layer, which flattens the image: convolutions and pools go before every fc layer (the images are 28×28)")]
    [InlineData("--hidden 500 --layers conv5x5:8,pool2",
        "sweep: --layers conv5x5:8,pool2: hidden and layers cannot both be given: write the hidden widths as fc:N layers (--hidden 500)")]
    [InlineData("--layers fc:100000000", "sweep: --layers fc:100000000: hidden[0]=100000000: the 784×100000000 layer needs ")]
    public void ABadSpec_IsOneLineOnStderr_NamingLayers_Exit2_BeforeTraining(string arguments, string expected)
    {
        var run = SweepProcess.Run(["train", "--epochs", "1", .. arguments.Split(' ')]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith(expected, Assert.Single(run.StderrLines));
        Assert.DoesNotContain("epoch 1/1", run.Stdout);
    }
}
