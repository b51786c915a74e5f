using Sweep.Engine.Data;
using Sweep.Engine.Model;

namespace Sweep.Trials.Tests;

/// <summary>
/// layers, the network spec, came after results were stored: at its default (none) every stored trial keeps its hash
/// (TrialConfigHashTests pins them); a conv spec is hashed by its canonical text; a spec of fc layers only is the hidden
/// net, one trial with one hash whichever way it is written.
/// </summary>
public sealed class LayersParameterTests
{
    private const string Checksum = "0123abcd";

    [Fact]
    public void AtItsDefault_ItIsNotInTheCanonicalJson_AndTheHashIsThePinnedOneOfMain()
    {
        var json = new TrialConfig().ToCanonicalJson();

        Assert.DoesNotContain("\"layers\"", json);
        // TrialConfigHashTests' "defaults", computed on main before layers existed.
        Assert.Equal("823c7999679ec9b7508513e58efa320189982fb90ac637092d2db2459a85f52c", new TrialConfig().Hash(Checksum));
        Assert.Empty(TrialConfig.FromCanonicalJson(json).Get(HyperParameters.Layers));
        Assert.Equal("none", HyperParameters.Layers.Text(new TrialConfig()[HyperParameters.Layers]));
    }

    [Fact]
    public void AConvSpec_IsWrittenAsItsCanonicalTexts_IsAnotherTrial_AndReachesTheEngine()
    {
        var config = new TrialConfig().With(HyperParameters.Layers, Spec("conv5x5:32,pool2,conv5x5:64,pool2,fc:500"));

        var json = config.ToCanonicalJson();
        var read = TrialConfig.FromCanonicalJson(json);

        Assert.Contains("\"layers\":[\"conv5x5:32\",\"pool2\",\"conv5x5:64\",\"pool2\",\"fc:500\"]", json);
        Assert.NotEqual(new TrialConfig().Hash(Checksum), config.Hash(Checksum));
        Assert.Equal(config.Hash(Checksum), read.Hash(Checksum));
        Assert.Equal("conv5x5:32,pool2,conv5x5:64,pool2,fc:500", LayerSpec.Format(read.ToOptions(threads: 1).Layers));
        Assert.Empty(read.ToOptions(threads: 1).Hidden);
    }

    [Fact]
    public void SpellingsOfOneConvSpec_AreOneTrial_AndValidPaddingIsAnother()
    {
        var plain = new TrialConfig().With(HyperParameters.Layers, Spec("conv3x3:16,pool2"));
        var spelled = new TrialConfig().With(HyperParameters.Layers, Spec(" CONV3x3:16:same , pool2 "));
        var valid = new TrialConfig().With(HyperParameters.Layers, Spec("conv3x3:16:valid,pool2"));

        Assert.Equal(plain.Hash(Checksum), spelled.Hash(Checksum));
        Assert.NotEqual(plain.Hash(Checksum), valid.Hash(Checksum));
        Assert.Equal("conv3x3:16:valid,pool2", HyperParameters.Layers.Text(valid[HyperParameters.Layers]));
    }

    [Fact]
    public void FullyConnectedLayersOnly_AreTheHiddenNet_OneTrialWithOneHash()
    {
        var hidden = new TrialConfig().With(HyperParameters.Hidden, new[] { 256, 128 });
        var layers = new TrialConfig().With(HyperParameters.Layers, Spec("fc:256,fc:128"));
        // A sweep applies its parameters in file order: a later `hidden: []` must not erase the network.
        var layersThenNoHidden = layers.With(HyperParameters.Hidden, Array.Empty<int>());

        Assert.Equal(hidden.ToCanonicalJson(), layers.ToCanonicalJson());
        Assert.Equal(hidden.Hash(Checksum), layers.Hash(Checksum));
        Assert.Equal(hidden.Hash(Checksum), layersThenNoHidden.Hash(Checksum));
        Assert.Equal([256, 128], layers.Hidden);
        Assert.Empty(layers.Get(HyperParameters.Layers));
        Assert.Equal("5f2af27c0ad09fe8dc27d8522c2dff884bd163a49d5a84cfb44b341c72e4e709", // TrialConfigHashTests' "hidden two layers"
            (layers with { Epochs = 3, Batch = 50 }).Hash(Checksum));
    }

    [Fact]
    public void HiddenAndLayersBothGiven_StayAsGiven_AndTheEngineRefusesThem()
    {
        var both = new TrialConfig().With(HyperParameters.Hidden, new[] { 500 }).With(HyperParameters.Layers, Spec("fc:100"));

        Assert.Equal([500], both.Hidden);
        Assert.Equal("fc:100", HyperParameters.Layers.Text(both[HyperParameters.Layers]));
        var error = Assert.Throws<ArgumentException>(() => both.ToOptions(threads: 1).Validate());
        Assert.Contains("give hidden or layers, not both", error.Message);
    }

    [Theory]
    [InlineData("conv4x4:16", "--layers: 'conv4x4:16': `same` padding needs an odd kernel side (got 4); write :valid or an odd size")]
    [InlineData("conv5x5:16,pool3", "--layers: 'pool3': only pool2 (2×2 max-pool, stride 2) is supported")]
    [InlineData("fc:0", "--layers: 'fc:0': an fc width must be a whole number >= 1 (got 0)")]
    [InlineData("dense:10", "--layers: 'dense:10' is not a layer (expected convKxK:C (e.g. conv5x5:32, or conv3x3:16:valid), pool2, or fc:N (e.g. fc:500))")]
    public void ABadLayer_IsAnArgumentException_NamingTheOptionAndTheLayer(string text, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => HyperParameters.Layers.Parse(text));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void ShapeProblem_ChecksTheLayersAgainstTheImagesOfTheDataset()
    {
        var mnist = IdxImagesHeader.MnistTrain;
        var small = new IdxImagesHeader("small", 500, 8, 8);

        Assert.Null(LayersParameter.ShapeProblem(Spec("conv5x5:32,pool2,conv5x5:64,pool2,fc:500"), mnist));
        Assert.Null(LayersParameter.ShapeProblem([], small));
        Assert.Equal("layer 3 (conv5x5:8:valid): a valid 5×5 convolution does not fit the 2×2×8 image it receives (the images are 8×8)",
            LayersParameter.ShapeProblem(Spec("conv5x5:8:valid,pool2,conv5x5:8:valid"), small));
        Assert.Contains("layer 2 (pool2) comes after an fc layer", LayersParameter.ShapeProblem(Spec("fc:100,pool2"), mnist));
    }

    private static IReadOnlyList<LayerSpec> Spec(string text) => (IReadOnlyList<LayerSpec>)HyperParameters.Layers.Parse(text);
}
