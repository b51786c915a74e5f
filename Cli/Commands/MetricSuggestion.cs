using Sweep.Trials;
using Sweep.Coordinator.SweepFiles;

namespace Sweep.Cli.Commands;

/// <summary>The reply to an unknown `--by` metric: the closest name, or the metric a quantity word most likely means.</summary>
public static class MetricSuggestion
{
    public static string For(string written)
    {
        var names = Metric.Names;
        var known = $"expected one of: {string.Join(", ", names)}";
        var suggestion = Suggestions.DidYouMean(written, names);
        if (suggestion.StartsWith("did you mean", StringComparison.Ordinal)) return $"{suggestion} ({known})";
        // "accuracy" or "loss" names a quantity but not a split; the first metric measuring it is the validation one,
        // which is what a sweep ranks by by default.
        var word = written.Trim().ToLowerInvariant();
        var quantity = names.FirstOrDefault(name => word.Length >= 3 && name[(name.IndexOf('_') + 1)..] is var part
            && (word.StartsWith(part, StringComparison.Ordinal) || part.StartsWith(word, StringComparison.Ordinal)));
        return quantity is null ? known : $"did you mean '{quantity}'? ({known})";
    }
}
