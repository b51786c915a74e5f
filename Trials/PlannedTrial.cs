using Sweep.Trials;

namespace Sweep.Trials;

/// <summary>A trial the coordinator expanded from a sweep: its identity hash and canonical config (TrialConfig.ToCanonicalJson).</summary>
public sealed record PlannedTrial(string Hash, string ConfigJson, string Dataset)
{
    public static PlannedTrial Of(TrialConfig config, string datasetChecksum) =>
        new(config.Hash(datasetChecksum), config.ToCanonicalJson(), config.Dataset);
}
