using System.Text.Json.Nodes;

namespace Sweep.Trials.Tests;

/// <summary>
/// dropout was added after results were stored: at its default it stays out of canonical JSON (so every stored trial
/// keeps its hash — TrialConfigHashTests pins those), and a trial that sets it is another trial.
/// </summary>
public sealed class AddedLaterParameterTests
{
    [Fact]
    public void AtItsDefault_ItIsNotInTheCanonicalJson_AndReadsBackAsTheDefault()
    {
        var json = JsonNode.Parse(new TrialConfig().ToCanonicalJson())!.AsObject();

        Assert.False(json.ContainsKey("dropout"));
        Assert.Equal(0.0, TrialConfig.FromCanonicalJson(json.ToJsonString()).Get(HyperParameters.Dropout));
        Assert.Contains("dropout", new TrialConfig().ToParameters().Keys); // shown, only not hashed
    }

    [Fact]
    public void SetToAnotherValue_ItIsWritten_ChangesTheHash_AndReachesTheEngine()
    {
        var config = new TrialConfig().With(HyperParameters.Dropout, 0.25);

        Assert.Contains("\"dropout\":0.25", config.ToCanonicalJson());
        Assert.NotEqual(new TrialConfig().Hash("0123abcd"), config.Hash("0123abcd"));
        Assert.Equal(0.25, TrialConfig.FromCanonicalJson(config.ToCanonicalJson()).Get(HyperParameters.Dropout));
        Assert.Equal(0.25, config.ToOptions(threads: 1).Dropout);
    }

    [Fact]
    public void AParameterThatWasThereFromTheStart_MissingFromStoredJson_IsAnError()
    {
        var json = JsonNode.Parse(new TrialConfig().ToCanonicalJson())!.AsObject();
        json.Remove("lr");

        Assert.Throws<FormatException>(() => TrialConfig.FromCanonicalJson(json.ToJsonString()));
    }
}
