using Sweep.Engine.Model;
using Xunit;

namespace Sweep.Engine.Tests.Model;

public sealed class LayerSpecTests
{
    [Theory]
    [InlineData("conv5x5:32", LayerKind.Convolution, 32, 5, Padding.Same, "conv5x5:32")]
    [InlineData(" conv3x3:16:valid ", LayerKind.Convolution, 16, 3, Padding.Valid, "conv3x3:16:valid")]
    [InlineData("conv3x3:8:same", LayerKind.Convolution, 8, 3, Padding.Same, "conv3x3:8")]
    [InlineData("conv2x2:4:valid", LayerKind.Convolution, 4, 2, Padding.Valid, "conv2x2:4:valid")]
    [InlineData("pool2", LayerKind.MaxPool, 0, 2, Padding.Same, "pool2")]
    [InlineData("fc:500", LayerKind.FullyConnected, 500, 0, Padding.Same, "fc:500")]
    public void Parse_ReadsEachForm_AndToStringIsTheCanonicalText(string text, LayerKind kind, int units, int kernel, Padding padding, string canonical)
    {
        var layer = LayerSpec.Parse(text);

        Assert.Equal(new LayerSpec(kind, units, kernel, padding), layer);
        Assert.Equal(canonical, layer.ToString());
        Assert.Equal(layer, LayerSpec.Parse(layer.ToString()));
    }

    [Theory]
    [InlineData("conv5x3:32", "kernels are square")]
    [InlineData("conv4x4:8", "odd kernel side")]
    [InlineData("conv17x17:8", "at most 15")]
    [InlineData("conv5x5:0", "channel count must be a whole number >= 1")]
    [InlineData("fc:0", "fc width must be a whole number >= 1")]
    [InlineData("pool3", "only pool2")]
    [InlineData("dense:500", "is not a layer (expected convKxK:C")]
    [InlineData("fc:99999999999", "whole number >= 1")]
    public void Parse_OfABadLayer_SaysWhatIsWrong(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => LayerSpec.Parse(text));

        Assert.Contains(expected, error.Message);
        Assert.Contains(text.Trim(), error.Message);
    }

    [Fact]
    public void ParseList_ReadsCommaSeparatedLayers_AndNoneIsEmpty()
    {
        var layers = LayerSpec.ParseList("conv5x5:32, pool2,fc:500");

        Assert.Equal("conv5x5:32,pool2,fc:500", LayerSpec.Format(layers));
        Assert.Empty(LayerSpec.ParseList("none"));
        Assert.Equal("none", LayerSpec.Format([]));
    }

    [Fact]
    public void AsHiddenWidths_IsTheWidthsOfAnFcOnlySpec_AndNullWithAConvolution()
    {
        Assert.Equal(new[] { 256, 128 }, LayerSpec.AsHiddenWidths(LayerSpec.ParseList("fc:256,fc:128"))!);
        Assert.Null(LayerSpec.AsHiddenWidths(LayerSpec.ParseList("conv3x3:8,fc:10")));
    }

    [Fact]
    public void ShapeProblem_GivesEveryLayersShape_ForLeNet()
    {
        var problem = LayerSpec.ShapeProblem(LayerSpec.ParseList("conv5x5:16,pool2,conv5x5:32:valid,pool2,fc:128"), new ImageShape(28, 28, 1), out var shapes);

        Assert.Null(problem);
        Assert.Equal([new(28, 28, 16), new(14, 14, 16), new(10, 10, 32), new(5, 5, 32), new(1, 1, 128)], shapes);
    }

    [Theory]
    [InlineData("fc:100,conv3x3:8", "layer 2 (conv3x3:8) comes after an fc layer")]
    [InlineData("pool2,pool2,pool2,pool2,pool2", "layer 5 (pool2): a 2×2 pool does not fit the 1×1×1 image")]
    [InlineData("conv15x15:4:valid,conv15x15:4:valid", "layer 2 (conv15x15:4:valid): a valid 15×15 convolution does not fit the 14×14×4 image")]
    public void ShapeProblem_NamesTheLayerThatCannotRun(string layers, string expected)
    {
        var problem = LayerSpec.ShapeProblem(LayerSpec.ParseList(layers), new ImageShape(28, 28, 1), out _);

        Assert.Equal(expected, problem?[..Math.Min(problem.Length, expected.Length)]);
    }
}
