using System.Text.Json.Serialization;
using Sweep.Trials;

namespace Sweep.Results.Reports;

/// <summary>
/// The completed trials of one configuration that differ only by seed, summarised as mean ± sample std of the ranked
/// metric (Std is null for a single trial).
/// </summary>
/// <param name="Parameters">Every hyperparameter but seed (see Seeds).</param>
/// <param name="Means">Mean of every metric over the group (null when no trial reached it).</param>
public sealed record ReportGroup(
    int Rank,
    IReadOnlyDictionary<string, object> Parameters,
    IReadOnlyList<ulong> Seeds,
    int N,
    double Mean,
    double? Std,
    IReadOnlyDictionary<string, double?> Means,
    double? Seconds,
    IReadOnlyList<string> Hashes,
    [property: JsonIgnore] TrialConfig Config);
