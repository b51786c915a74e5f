using Sweep.Coordinator.SweepFiles;
using Sweep.Engine.Model;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.SweepFiles;

/// <summary>
/// layers, the network spec, in sweep files and overrides: constants and axes of specs, fc-only specs as the hidden
/// trials they are, and every problem — a bad layer, a shape the dataset's images cannot take, hidden and layers both
/// given — at file:line:column. The shipped sweeps/conv.yaml loads.
/// </summary>
public sealed class LayersSweepTests : IDisposable
{
    private const string Top = "name: l\nparameters:\n  lr: {value: 0.1}\n";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AConstantSpec_IsOneTrial_WithTheSpecInItsOptions()
    {
        var trials = Expand(Top + "  layers: {value: [conv5x5:32, pool2, conv5x5:64, pool2, fc:500]}\n");

        var options = Assert.Single(trials).ToOptions(threads: 1);
        Assert.Equal("conv5x5:32,pool2,conv5x5:64,pool2,fc:500", LayerSpec.Format(options.Layers));
        Assert.Empty(options.Hidden);
    }

    [Fact]
    public void AnAxisOfSpecs_IsOneTrialEach_AndItsFullyConnectedSpecIsTheHiddenTrial()
    {
        var trials = Expand(Top + "  layers: {values: [[conv5x5:16, pool2, fc:128], [fc:500]]}\n");
        var hidden = Expand(Top + "  hidden: {value: [500]}\n");

        Assert.Equal(2, trials.Count);
        Assert.Equal("conv5x5:16,pool2,fc:128", HyperParameters.Layers.Text(trials[0][HyperParameters.Layers]));
        Assert.Equal(hidden.Single().Hash(Fixtures.DatasetChecksum), trials[1].Hash(Fixtures.DatasetChecksum));
        Assert.Equal([500], trials[1].ToOptions(threads: 1).Hidden);
    }

    [Fact]
    public void Overrides_SetOneSpec_OrAnAxisOfThem()
    {
        var file = folder.Write("s.yaml", Top);

        var one = SweepFileLoader.Load(file, ["layers=[conv5x5:16,pool2,fc:128]"]).Expand(_ => Fixtures.DatasetChecksum);
        var two = SweepFileLoader.Load(file, ["layers=[conv3x3:8:valid,pool2],[fc:64]"]).Expand(_ => Fixtures.DatasetChecksum);

        Assert.Equal("conv5x5:16,pool2,fc:128", LayerSpec.Format(Assert.Single(one).ToOptions(threads: 1).Layers));
        Assert.Equal(["conv3x3:8:valid,pool2", "none"], two.Select(trial => HyperParameters.Layers.Text(trial[HyperParameters.Layers])));
        Assert.Equal([64], two[1].Hidden);
    }

    /// <summary>Case name, the parameter lines after lr, where the error must point (line:column), what it must say.</summary>
    public static TheoryData<string, string, string, string> BadSpecs => new()
    {
        { "a bad layer", "  layers: {value: [conv5x5:16, pool3]}\n", "4:32",
            "parameters.layers.value: 'pool3': only pool2 (2×2 max-pool, stride 2) is supported" },
        { "an even kernel with same padding", "  layers: {values: [[fc:10], [conv4x4:8]]}\n", "4:31",
            "parameters.layers.values[1]: 'conv4x4:8': `same` padding needs an odd kernel side (got 4); write :valid or an odd size" },
        { "not a list", "  layers: {value: {conv: 5}}\n", "4:19",
            "parameters.layers.value: expected a list of layers such as [conv5x5:32, pool2, fc:500]" },
        { "a number for a layer", "  layers: {value: [500]}\n", "4:20",
            "parameters.layers.value: '500' is not a layer (expected convKxK:C" },
        { "a shape the images cannot take", "  layers: {value: [conv15x15:8:valid, conv15x15:8:valid]}\n", "4:19",
            "parameters.layers.value: layer 2 (conv15x15:8:valid): a valid 15×15 convolution does not fit the 14×14×8 image it receives (the images are 28×28)" },
        { "a pool after fc", "  layers: {value: [fc:100, pool2]}\n", "4:19",
            "parameters.layers.value: layer 2 (pool2) comes after an fc layer, which flattens the image" },
        { "hidden and layers both given", "  hidden: {values: [[], [500]]}\n  layers: {value: [conv5x5:8, pool2]}\n", "5:19",
            "parameters.layers.value: hidden and layers cannot both be given: write the hidden widths as fc:N layers (hidden [500] at " },
        { "an fc spec too large for memory", "  layers: {value: [fc:100000000]}\n", "4:19",
            "parameters.layers.value: hidden[0]=100000000: the 784×100000000 layer needs " },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void ABadSpec_IsRefused_AtFileLineColumn(string @case, string lines, string where, string expected)
    {
        var file = folder.Write("bad.yaml", Top + lines);

        var errors = Assert.Throws<SweepFileException>(() => SweepFileLoader.Load(file)).Errors;

        Assert.True(errors.Any(error => error.StartsWith($"{file}:{where}: {expected}", StringComparison.Ordinal)), $"{@case}: {string.Join(" | ", errors)}");
    }

    [Theory]
    [InlineData("layers=[conv5x5:16,pool3]", "override 'layers=[conv5x5:16,pool3]': layers: 'pool3': only pool2")]
    [InlineData("layers=[conv15x15:8:valid,conv15x15:8:valid]", "override 'layers=[conv15x15:8:valid,conv15x15:8:valid]': layers: layer 2 (conv15x15:8:valid)")]
    public void ABadOverride_IsRefused_NamingIt(string written, string expected)
    {
        var errors = Assert.Throws<SweepFileException>(() => SweepFileLoader.Load(folder.Write("s.yaml", Top), [written])).Errors;

        Assert.Contains(errors, error => error.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void TheShapeIsCheckedAgainstADatasetFolder_FromItsImagesHeader()
    {
        // 500 images of 8×8: a header is all the check reads.
        var data = Directory.CreateDirectory(Path.Combine(folder.Path, "small")).FullName;
        File.WriteAllBytes(Path.Combine(data, "train-images-idx3-ubyte"), [0, 0, 8, 3, 0, 0, 1, 244, 0, 0, 0, 8, 0, 0, 0, 8]);
        var yaml = "name: small\ndataset: small\nparameters:\n  val_size: {value: 100}\n  layers: {values: [[conv3x3:4, pool2, fc:10], [conv5x5:4:valid, pool2, conv3x3:4:valid]]}\n";

        var error = Assert.Single(Assert.Throws<SweepFileException>(() => SweepFileLoader.Load(folder.Write("small.yaml", yaml))).Errors);

        Assert.EndsWith(":5:48: parameters.layers.values[1]: layer 3 (conv3x3:4:valid): a valid 3×3 convolution does not fit the 2×2×4 image it receives (the images are 8×8)", error);
    }

    [Fact]
    public void ShippedConvSweep_LoadsAsAGridOfConvNets()
    {
        var definition = SweepFileLoader.Load(ShippedSweeps.Path("conv.yaml"));

        var trials = definition.Expand(_ => Fixtures.DatasetChecksum);

        Assert.True(trials.Count >= 2);
        Assert.All(trials, trial => Assert.Contains(trial.ToOptions(threads: 1).Layers, layer => layer.Kind == LayerKind.Convolution));
        Assert.All(trials, trial => Assert.InRange(trial.Epochs, 1, 10));
    }

    private IReadOnlyList<TrialConfig> Expand(string yaml) =>
        SweepFileLoader.Load(folder.Write("sweep.yaml", yaml)).Expand(_ => Fixtures.DatasetChecksum);
}
