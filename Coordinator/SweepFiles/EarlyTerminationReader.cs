using Sweep.Trials;
namespace Sweep.Coordinator.SweepFiles;

/// <summary>
/// Reads `early_terminate: {type: hyperband|asha|median, min_iter: 1, eta: 3}`, adding every problem to the error list.
/// Whether min_iter leaves any rung before the last epoch is checked by the loader, which knows the epochs.
/// </summary>
public static class EarlyTerminationReader
{
    private static readonly string[] Keys = ["type", "min_iter", "eta"];
    private static readonly string[] Types = ["hyperband", "asha", "median"];

    public static EarlyTermination? Read(SourceMappingEntry entry, SweepErrors errors)
    {
        if (entry.Value is not SourceMapping mapping)
        {
            errors.Add(entry.Value is SourceScalar { IsNull: true } ? entry.Key : entry.Value, "early_terminate",
                $"expected a mapping such as {{type: hyperband, min_iter: 1, eta: 3}}, got {entry.Value.Describe()}");
            return null;
        }
        var found = new Dictionary<string, SourceMappingEntry>(StringComparer.Ordinal);
        foreach (var item in mapping.Entries)
        {
            var key = item.Key.Text;
            if (!Keys.Contains(key))
                errors.Add(item.Key, $"early_terminate.{key}", $"unknown key in early_terminate; {Suggestions.DidYouMean(key, Keys)}");
            else if (found.TryGetValue(key, out var first))
                errors.Add(item.Key, $"early_terminate.{key}", $"duplicate key (first given at {first.Key.Where})");
            else
                found[key] = item;
        }

        var type = ReadType(found, mapping, errors);
        var minIter = found.TryGetValue("min_iter", out var minIterEntry) ? ReadMinIter(minIterEntry, errors) : EarlyTermination.DefaultMinIter;
        double? eta = EarlyTermination.DefaultEta;
        if (found.TryGetValue("eta", out var etaEntry))
        {
            eta = ReadEta(etaEntry, errors);
            if (type == EarlyTerminationType.Median)
                errors.Add(etaEntry.Key, "early_terminate.eta", "eta applies to hyperband and asha; median compares at every epoch from min_iter on");
        }
        return type is null || minIter is null || eta is null ? null : new EarlyTermination(type.Value, minIter.Value, eta.Value);
    }

    private static EarlyTerminationType? ReadType(Dictionary<string, SourceMappingEntry> found, SourceMapping mapping, SweepErrors errors)
    {
        if (!found.TryGetValue("type", out var entry))
        {
            errors.Add(mapping, "early_terminate.type", $"missing; one of {string.Join(", ", Types)}");
            return null;
        }
        var text = (entry.Value as SourceScalar)?.Text;
        switch (text)
        {
            case "hyperband": return EarlyTerminationType.Hyperband;
            case "asha": return EarlyTerminationType.Asha;
            case "median": return EarlyTerminationType.Median;
            default:
                errors.Add(entry.Value, "early_terminate.type", text is null
                    ? $"expected one of {string.Join(", ", Types)}, got {entry.Value.Describe()}"
                    : $"unknown type '{text}'; {Suggestions.DidYouMean(text, Types)}");
                return null;
        }
    }

    private static int? ReadMinIter(SourceMappingEntry entry, SweepErrors errors)
    {
        if (entry.Value is SourceScalar scalar && scalar.TryGetInteger(out var value) && value is >= 1 and <= int.MaxValue) return (int)value;
        errors.Add(entry.Value, "early_terminate.min_iter", $"must be a whole number of epochs >= 1, got {entry.Value.Describe()}");
        return null;
    }

    private static double? ReadEta(SourceMappingEntry entry, SweepErrors errors)
    {
        if (entry.Value is SourceScalar scalar && scalar.TryGetNumber(out var value) && value >= 2 && double.IsFinite(value)) return value;
        errors.Add(entry.Value, "early_terminate.eta", $"must be a number >= 2 (each rung keeps the top 1/eta), got {entry.Value.Describe()}");
        return null;
    }
}
