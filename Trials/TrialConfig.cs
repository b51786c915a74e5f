using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sweep.Engine.Model;
using Sweep.Engine.Training;

namespace Sweep.Trials;

/// <summary>
/// The fully resolved configuration of one trial: the dataset and a value for every entry of
/// <see cref="HyperParameters"/>, defaults filled in. Its canonical JSON (keys sorted, numbers in shortest round-trip
/// form) plus the dataset checksum gives the trial's identity hash, so the same cell of any sweep file maps to the
/// same stored result. The typed properties are conveniences over the table; a new parameter needs none.
/// </summary>
public sealed record TrialConfig
{
    private static readonly ImmutableDictionary<string, object> Defaults =
        HyperParameters.All.ToImmutableDictionary(parameter => parameter.Name, parameter => parameter.DefaultValue);

    private ImmutableDictionary<string, object> values = Defaults;

    /// <summary>Hyperparameter names in ordinal order, as written in sweep files and shown as columns of the trial_results view.</summary>
    public static readonly IReadOnlyList<string> ParameterNames = HyperParameters.Names.Order(StringComparer.Ordinal).ToArray();

    public string Dataset { get; init; } = "mnist";

    public IReadOnlyList<int> Hidden { get => Get(HyperParameters.Hidden); init => Set(HyperParameters.Hidden, value); }
    public double LearningRate { get => Get(HyperParameters.LearningRate); init => Set(HyperParameters.LearningRate, value); }
    public double Lambda { get => Get(HyperParameters.Lambda); init => Set(HyperParameters.Lambda, value); }
    public int Batch { get => Get(HyperParameters.Batch); init => Set(HyperParameters.Batch, value); }
    public int Epochs { get => Get(HyperParameters.Epochs); init => Set(HyperParameters.Epochs, value); }
    public ulong Seed { get => Get(HyperParameters.Seed); init => Set(HyperParameters.Seed, value); }
    public double Momentum { get => Get(HyperParameters.Momentum); init => Set(HyperParameters.Momentum, value); }
    public WeightInit Init { get => Get(HyperParameters.Init); init => Set(HyperParameters.Init, value); }
    public LearningRateSchedule Schedule { get => Get(HyperParameters.Schedule); init => Set(HyperParameters.Schedule, value); }
    public int ValidationSize { get => Get(HyperParameters.ValidationSize); init => Set(HyperParameters.ValidationSize, value); }

    /// <summary>The value of <paramref name="parameter"/>, boxed as its kind's type; a layers spec of fc layers only reads as hidden.</summary>
    public object this[HyperParameter parameter] => Canonical(values)[parameter.Name];

    public T Get<T>(HyperParameter<T> parameter) where T : notnull => (T)this[parameter];

    /// <summary>A copy with one value replaced; the value must have the parameter's type.</summary>
    public TrialConfig With(HyperParameter parameter, object value) => this with { values = Checked(values, parameter, value) };

    /// <summary>The Engine's options for this trial: the one place a trial becomes a training run.</summary>
    public TrainingOptions ToOptions(int threads) =>
        HyperParameters.All.Aggregate(new TrainingOptions { Threads = threads }, (options, parameter) => parameter.ApplyTo(options, this[parameter]));

    /// <summary>
    /// Keys sorted, no whitespace, numbers in round-trip form: equal configurations give equal text. A parameter
    /// <see cref="HyperParameter.AddedLater"/> is left out at its default, so older trials keep their hash.
    /// </summary>
    public string ToCanonicalJson()
    {
        var json = new JsonObject();
        foreach (var (key, value) in ToParameters())
            if (HyperParameters.Find(key) is not { AddedLater: true } parameter || !JsonNode.DeepEquals(value, parameter.ToJson(parameter.DefaultValue)))
                json[key] = value;
        return json.ToJsonString();
    }

    public SortedDictionary<string, JsonNode?> ToParameters()
    {
        var parameters = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal) { ["dataset"] = Dataset };
        foreach (var parameter in HyperParameters.All) parameters[parameter.Name] = parameter.ToJson(this[parameter]);
        return parameters;
    }

    public static TrialConfig FromCanonicalJson(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        var config = new TrialConfig { Dataset = (string)node["dataset"]! };
        foreach (var parameter in HyperParameters.All)
        {
            var value = node[parameter.Name] is { } stored ? parameter.FromJson(stored)
                : parameter.AddedLater ? parameter.DefaultValue
                : throw new FormatException($"trial configuration has no '{parameter.Name}': {json}");
            config = config.With(parameter, value);
        }
        return config;
    }

    /// <summary>SHA-256 (hex) of the canonical JSON and the dataset checksum: the trial's UNIQUE key.</summary>
    public string Hash(string datasetChecksum) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToCanonicalJson() + "\n" + datasetChecksum)));

    /// <summary>
    /// A seed derived from every other option: a trial whose sweep file names no seed still has a reproducible one,
    /// and distinct cells get distinct seeds.
    /// </summary>
    public TrialConfig WithDerivedSeed(string datasetChecksum)
    {
        var withoutSeed = (this with { Seed = 0 }).ToCanonicalJson() + "\nseed\n" + datasetChecksum;
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(withoutSeed));
        // 31 bits keep the seed short to read and type on a command line.
        return this with { Seed = BitConverter.ToUInt64(digest, 0) & 0x7FFF_FFFF };
    }

    /// <summary>Two configurations are equal when their canonical JSON is (the values live in a dictionary).</summary>
    public bool Equals(TrialConfig? other) => other is not null && ToCanonicalJson() == other.ToCanonicalJson();

    public override int GetHashCode() => ToCanonicalJson().GetHashCode(StringComparison.Ordinal);

    /// <summary>
    /// A layers spec of fc layers only is the network hidden describes, so it reads as hidden (and layers as empty):
    /// `layers: [fc:500]` and `hidden: [500]` are one trial with one hash. Values stay as set until read, because a
    /// sweep applies its parameters in file order and a later `hidden: []` must not erase the network. With both given
    /// nothing moves: that configuration is refused (TrainingOptions.Validate, the sweep-file checks).
    /// </summary>
    private static ImmutableDictionary<string, object> Canonical(ImmutableDictionary<string, object> values)
    {
        var layers = (IReadOnlyList<LayerSpec>)values[HyperParameters.Layers.Name];
        if (layers.Count == 0 || ((IReadOnlyList<int>)values[HyperParameters.Hidden.Name]).Count > 0 || LayerSpec.AsHiddenWidths(layers) is not { } widths)
            return values;
        return values.SetItem(HyperParameters.Hidden.Name, widths).SetItem(HyperParameters.Layers.Name, Array.Empty<LayerSpec>());
    }

    private void Set(HyperParameter parameter, object value) => values = Checked(values, parameter, value);

    private static ImmutableDictionary<string, object> Checked(ImmutableDictionary<string, object> values, HyperParameter parameter, object value) =>
        parameter.Holds(value) ? values.SetItem(parameter.Name, value)
            : throw new ArgumentException($"{parameter.Name}: a {value.GetType().Name} is not a value of this parameter");
}
