using System.Text.Json;
using System.Text.Json.Nodes;
using Sweep.Trials;

namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// A validated sweep: what to train (the parameter specs as written, after command-line overrides), on which
/// dataset, and which metric ranks the trials. Immutable; built only by <see cref="SweepFileLoader"/>, which has
/// checked every rule, so expansion cannot fail on user input.
/// </summary>
public sealed class SweepDefinition
{
    /// <summary>Random sweeps that keep drawing configurations already drawn stop after this many draws per trial.</summary>
    private const int DrawsPerTrial = 100;

    internal SweepDefinition(
        string name, string sourceFile, string? description, string dataset, SweepMethod method, Metric metric,
        Goal goal, int? runCap, ulong? randomSeed, IReadOnlyList<ParameterSpec> parameters)
    {
        Name = name;
        SourceFile = sourceFile;
        Description = description;
        Dataset = dataset;
        Method = method;
        Metric = metric;
        Goal = goal;
        RunCap = runCap;
        RandomSeed = randomSeed;
        Parameters = parameters.ToArray();
    }

    public string Name { get; }
    public string SourceFile { get; }
    public string? Description { get; }

    /// <summary>`mnist`, or the full path of a dataset folder.</summary>
    public string Dataset { get; }

    public SweepMethod Method { get; }
    public Metric Metric { get; }
    public Goal Goal { get; }
    public int? RunCap { get; }
    public ulong? RandomSeed { get; }
    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>The rule that stops unpromising trials early, or null to train every trial to its last epoch.</summary>
    public EarlyTermination? EarlyTermination { get; init; }

    /// <summary>How many of the best completed trials keep their final weights as a model file (0: none).</summary>
    public int KeepModels { get; init; }

    /// <summary>Names of the parameters that differ between trials, in file order.</summary>
    public IReadOnlyList<string> VaryingParameters => Parameters.Where(spec => spec.Varies).Select(spec => spec.Name).ToArray();

    /// <summary>Trials of a grid (product of the axes) or of a random sweep (run_cap, at most).</summary>
    public long TrialCount => Method == SweepMethod.Grid ? GridExpansion.Count(Parameters) : RunCap ?? 0;

    /// <summary>
    /// The trials in order: grid order is nested loops with the first parameter slowest; identical configurations
    /// are dropped, keeping the first. A trial whose sweep names no seed gets one derived from its other options
    /// and the dataset checksum.
    /// </summary>
    /// <param name="datasetChecksum">Called once with <see cref="Dataset"/>; returns its checksum (the caller loads the data).</param>
    public IReadOnlyList<TrialConfig> Expand(Func<string, string> datasetChecksum)
    {
        var checksum = datasetChecksum(Dataset);
        var unique = new HashSet<string>(StringComparer.Ordinal);
        var trials = new List<TrialConfig>();
        var combinations = Method == SweepMethod.Grid
            ? GridExpansion.Combinations(Parameters)
            : RandomSampling.Draws(Parameters, RandomSampling.SeedOf(Name, RandomSeed)).Take(checked((int)TrialCount * DrawsPerTrial));
        foreach (var values in combinations)
        {
            var config = ConfigOf(values, checksum);
            if (unique.Add(config.ToCanonicalJson())) trials.Add(config);
            if (Method == SweepMethod.Random && trials.Count == TrialCount) break;
        }
        return trials;
    }

    /// <summary>
    /// The trial of one value per parameter (in <see cref="Parameters"/> order). A trial whose sweep names no seed gets
    /// one derived from its other options and the dataset checksum.
    /// </summary>
    public TrialConfig ConfigOf(IReadOnlyList<ParameterValue> values, string datasetChecksum)
    {
        var config = new TrialConfig { Dataset = Dataset };
        for (var i = 0; i < Parameters.Count; i++) config = Parameters[i].Parameter.Apply(config, values[i]);
        return Parameters.Any(spec => spec.Name == HyperParameters.Seed.Name) ? config : config.WithDerivedSeed(datasetChecksum);
    }

    /// <summary>The definition as JSON, for storage beside the sweep's trials.</summary>
    public string ToJson()
    {
        var parameters = new JsonObject();
        foreach (var spec in Parameters) parameters[spec.Name] = spec.ToJson();
        var json = new JsonObject
        {
            ["name"] = Name,
            ["source"] = SourceFile,
            ["description"] = Description,
            ["dataset"] = Dataset,
            ["method"] = Method.ToString().ToLowerInvariant(),
            ["metric"] = new JsonObject { ["name"] = Metric.Name, ["goal"] = Goal.Name() },
            ["run_cap"] = RunCap,
            ["random_seed"] = RandomSeed,
            ["early_terminate"] = EarlyTermination?.ToJson(),
            ["keep_models"] = KeepModels,
            ["parameters"] = parameters,
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
