using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sweep.Trials;

/// <summary>
/// What the sweep asks of each of its trials beyond its configuration, carried on the trial's job (one JSON string, so
/// the job's signature and its allow-listed argument types stay the same): the early-termination plan, and whether a
/// completed trial's final weights are kept as a model (the sweep has keep_models &gt; 0). Neither is part of the trial's
/// hash: two sweeps that share a trial share its result.
/// </summary>
public sealed record TrialPlan(PruningPlan? Pruning, bool KeepModel)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The plan of a sweep, or null when it asks nothing beyond training every epoch.</summary>
    public static TrialPlan? Of(PruningPlan? pruning, bool keepModel) => pruning is null && !keepModel ? null : new TrialPlan(pruning, keepModel);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrialPlan? FromJson(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<TrialPlan>(json, Json);
}
