using Sweep.Engine.Model;
using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Trials.Tests;

/// <summary>
/// A trial's hash is its identity in every results file already written, so the parameter table must give the same
/// canonical JSON, hash and derived seed as the hand-written TrialConfig did. The expected values were computed on
/// main before the table existed: a regression pin.
/// </summary>
public sealed class TrialConfigHashTests
{
    private const string Checksum = "0123abcd";

    public static TheoryData<string> Names => new(Pinned.Select(pin => pin.Name));

    private static readonly (string Name, TrialConfig Config, string Json, string Hash, ulong DerivedSeed)[] Pinned =
    [
        ("defaults", new TrialConfig(),
            """{"batch":100,"dataset":"mnist","epochs":10,"hidden":[],"init":"gaussian","lambda":0.0001,"lr":0.1,"lr_schedule":"cooldown","momentum":0,"seed":1,"val_size":10000}""",
            "823c7999679ec9b7508513e58efa320189982fb90ac637092d2db2459a85f52c", 1668469802UL),
        ("lr-lambda", new TrialConfig { LearningRate = 0.5, Lambda = 1e-3 },
            """{"batch":100,"dataset":"mnist","epochs":10,"hidden":[],"init":"gaussian","lambda":0.001,"lr":0.5,"lr_schedule":"cooldown","momentum":0,"seed":1,"val_size":10000}""",
            "cb544adb8bc2d59a6cc69d35e218051fae9c525019989f240893ea374824934c", 1785557506UL),
        ("lr one, lambda minus zero", new TrialConfig { LearningRate = 1.0, Lambda = -0.0 },
            """{"batch":100,"dataset":"mnist","epochs":10,"hidden":[],"init":"gaussian","lambda":0,"lr":1,"lr_schedule":"cooldown","momentum":0,"seed":1,"val_size":10000}""",
            "43d4afba444f6ea91e036bb8522a9ab75c49c281f9610a471a94a7d6ec963601", 1909438021UL),
        ("hidden two layers", new TrialConfig { Hidden = [256, 128], Epochs = 3, Batch = 50 },
            """{"batch":50,"dataset":"mnist","epochs":3,"hidden":[256,128],"init":"gaussian","lambda":0.0001,"lr":0.1,"lr_schedule":"cooldown","momentum":0,"seed":1,"val_size":10000}""",
            "5f2af27c0ad09fe8dc27d8522c2dff884bd163a49d5a84cfb44b341c72e4e709", 1252197429UL),
        ("momentum he cosine", new TrialConfig { Momentum = 0.9, Init = WeightInit.He, Schedule = LearningRateSchedule.Cosine },
            """{"batch":100,"dataset":"mnist","epochs":10,"hidden":[],"init":"he","lambda":0.0001,"lr":0.1,"lr_schedule":"cosine","momentum":0.9,"seed":1,"val_size":10000}""",
            "b0b971d2d757a27344715ef759074c92a7abec4835d34347f32718816e7eb903", 123427029UL),
        ("constant, no validation, largest seed",
            new TrialConfig { Schedule = LearningRateSchedule.Constant, ValidationSize = 0, Seed = 9_007_199_254_740_991 },
            """{"batch":100,"dataset":"mnist","epochs":10,"hidden":[],"init":"gaussian","lambda":0.0001,"lr":0.1,"lr_schedule":"constant","momentum":0,"seed":9007199254740991,"val_size":0}""",
            "454e8c83baa75ecb8fb44f1389f0c01e23f06eeada3bb4b50243e4ad1d279cde", 1334104402UL),
        ("dataset folder, random lr", new TrialConfig { Dataset = "/data/fashion", LearningRate = 0.0004560966350253057, Hidden = [500] },
            """{"batch":100,"dataset":"/data/fashion","epochs":10,"hidden":[500],"init":"gaussian","lambda":0.0001,"lr":0.0004560966350253057,"lr_schedule":"cooldown","momentum":0,"seed":1,"val_size":10000}""",
            "ddd6fc4ee302c880e03a01a22a964783d7925239a474359e5cfc9e62af86e971", 8026204UL),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void CanonicalJsonHashAndDerivedSeed_AreThoseOfMain(string name)
    {
        var pin = Pinned.Single(pin => pin.Name == name);

        Assert.Equal(pin.Json, pin.Config.ToCanonicalJson());
        Assert.Equal(pin.Hash, pin.Config.Hash(Checksum));
        Assert.Equal(pin.DerivedSeed, pin.Config.WithDerivedSeed(Checksum).Seed);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CanonicalJson_ReadsBackToTheSameConfig(string name)
    {
        var pin = Pinned.Single(pin => pin.Name == name);

        var read = TrialConfig.FromCanonicalJson(pin.Json);

        Assert.Equal(pin.Json, read.ToCanonicalJson());
        Assert.Equal(pin.Hash, read.Hash(Checksum));
    }
}
