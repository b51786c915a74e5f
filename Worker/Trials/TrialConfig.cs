using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sweep.Engine.Model;
using Sweep.Engine.Training;

namespace Sweep.Worker.Trials;

/// <summary>
/// The fully resolved configuration of one trial: every Engine option with its default filled in.
/// Its canonical JSON (keys sorted, numbers in shortest round-trip form) plus the dataset checksum gives the trial's
/// identity hash, so the same cell of any sweep file maps to the same stored result.
/// </summary>
public sealed record TrialConfig
{
    /// <summary>Hyperparameter names, as written in sweep files and shown as columns of the trial_results view.</summary>
    public static readonly IReadOnlyList<string> ParameterNames =
        ["batch", "epochs", "hidden", "init", "lambda", "lr", "lr_schedule", "momentum", "seed", "val_size"];

    public string Dataset { get; init; } = "mnist";
    public IReadOnlyList<int> Hidden { get; init; } = [];
    public double LearningRate { get; init; } = 0.1;
    public double Lambda { get; init; } = 1e-4;
    public int Batch { get; init; } = 100;
    public int Epochs { get; init; } = 10;
    public ulong Seed { get; init; } = 1;
    public double Momentum { get; init; }
    public WeightInit Init { get; init; } = WeightInit.Gaussian;
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Cooldown;
    public int ValidationSize { get; init; } = 10_000;

    public TrainingOptions ToOptions(int threads) => new()
    {
        Hidden = Hidden,
        LearningRate = LearningRate,
        Lambda = Lambda,
        BatchSize = Batch,
        Epochs = Epochs,
        Seed = Seed,
        Momentum = Momentum,
        Init = Init,
        Threads = threads,
        Schedule = Schedule,
    };

    /// <summary>Keys sorted, no whitespace, numbers in round-trip form: equal configurations give equal text.</summary>
    public string ToCanonicalJson()
    {
        var json = new JsonObject();
        foreach (var (key, value) in ToParameters().OrderBy(pair => pair.Key, StringComparer.Ordinal)) json[key] = value;
        return json.ToJsonString();
    }

    public SortedDictionary<string, JsonNode?> ToParameters() => new(StringComparer.Ordinal)
    {
        ["batch"] = Batch,
        ["dataset"] = Dataset,
        ["epochs"] = Epochs,
        ["hidden"] = new JsonArray(Hidden.Select(width => (JsonNode?)width).ToArray()),
        ["init"] = Init.ToString().ToLowerInvariant(),
        ["lambda"] = Canonical(Lambda),
        ["lr"] = Canonical(LearningRate),
        ["lr_schedule"] = Schedule.ToString().ToLowerInvariant(),
        ["momentum"] = Canonical(Momentum),
        ["seed"] = Seed,
        ["val_size"] = ValidationSize,
    };

    public static TrialConfig FromCanonicalJson(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        return new TrialConfig
        {
            Batch = (int)node["batch"]!,
            Dataset = (string)node["dataset"]!,
            Epochs = (int)node["epochs"]!,
            Hidden = node["hidden"]!.AsArray().Select(width => (int)width!).ToArray(),
            Init = Enum.Parse<WeightInit>((string)node["init"]!, ignoreCase: true),
            Lambda = (double)node["lambda"]!,
            LearningRate = (double)node["lr"]!,
            Schedule = Enum.Parse<LearningRateSchedule>((string)node["lr_schedule"]!, ignoreCase: true),
            Momentum = (double)node["momentum"]!,
            Seed = (ulong)node["seed"]!,
            ValidationSize = (int)node["val_size"]!,
        };
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

    /// <summary>
    /// System.Text.Json writes a double as the shortest text that round-trips, so 1e-4, 0.0001 and 1.0e-4 in a sweep
    /// file all become the same text; -0 is folded into 0.
    /// </summary>
    private static JsonNode Canonical(double value) => JsonValue.Create(value == 0 ? 0.0 : value);
}
