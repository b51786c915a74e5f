using Sweep.Engine.Training;

namespace Sweep.Trials.Tests;

/// <summary>
/// optimizer, beta1, beta2 and eps came with Adam, after results were stored: at their defaults (sgd, 0.9, 0.999, 1e-8)
/// every stored trial keeps its hash (TrialConfigHashTests pins them); set, each is written, hashed and reaches the Engine.
/// </summary>
public sealed class OptimizerParameterTests
{
    private const string Checksum = "0123abcd";

    [Fact]
    public void AtTheirDefaults_NoneIsInTheCanonicalJson_AndTheHashIsThePinnedOneOfMain()
    {
        var json = new TrialConfig().ToCanonicalJson();

        foreach (var name in new[] { "optimizer", "beta1", "beta2", "eps" }) Assert.DoesNotContain($"\"{name}\"", json);
        // The defaults' hash as computed on main before these parameters existed (TrialConfigHashTests' "defaults").
        Assert.Equal("823c7999679ec9b7508513e58efa320189982fb90ac637092d2db2459a85f52c", new TrialConfig().Hash(Checksum));
        var read = TrialConfig.FromCanonicalJson(json).ToOptions(threads: 1);
        Assert.Equal((OptimizerKind.Sgd, 0.9, 0.999, 1e-8), (read.Optimizer, read.Beta1, read.Beta2, read.Epsilon));
    }

    [Fact]
    public void AnAdamWTrial_IsWrittenInFull_IsAnotherTrial_AndReachesTheEngine()
    {
        var config = new TrialConfig().With(HyperParameters.Optimizer, OptimizerKind.AdamW).With(HyperParameters.Beta1, 0.8)
            .With(HyperParameters.Beta2, 0.99).With(HyperParameters.Epsilon, 1e-6);

        var json = config.ToCanonicalJson();
        var options = TrialConfig.FromCanonicalJson(json).ToOptions(threads: 1);

        Assert.Contains("\"optimizer\":\"adamw\"", json);
        Assert.Contains("\"beta1\":0.8,\"beta2\":0.99", json);
        Assert.Contains("\"eps\":1E-06", json);
        Assert.NotEqual(new TrialConfig().Hash(Checksum), config.Hash(Checksum));
        Assert.Equal((OptimizerKind.AdamW, 0.8, 0.99, 1e-6), (options.Optimizer, options.Beta1, options.Beta2, options.Epsilon));
    }

    [Fact]
    public void TheOptimizerIsReadByName_Lowercase_AndAnUnknownOneNamesTheChoices()
    {
        Assert.Equal(OptimizerKind.AdamW, HyperParameters.Optimizer.Parse("adamw"));
        Assert.Equal(["sgd", "nesterov", "adam", "adamw"], HyperParameters.Optimizer.Choices);
        var error = Assert.Throws<ArgumentException>(() => HyperParameters.Optimizer.Parse("rmsprop"));
        Assert.Equal("--optimizer: 'rmsprop' is not one of sgd, nesterov, adam, adamw", error.Message);
    }

    [Theory]
    [InlineData("beta1", 1.0, "must be in [0, 1)")]
    [InlineData("beta2", -0.1, "must be in [0, 1)")]
    [InlineData("eps", 0.0, "must be > 0")]
    public void TheRules_RefuseValuesOutsideTheirRange(string name, double value, string rule)
    {
        var parameter = HyperParameters.Find(name)!;

        Assert.False(parameter.ObeysRule(value));
        Assert.Equal(rule, parameter.Rule);
        Assert.Throws<ArgumentException>(() => (new TrialConfig().With(parameter, value)).ToOptions(threads: 1).Validate());
    }
}
