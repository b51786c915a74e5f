namespace Sweep.Coordinator.SweepFiles;

/// <summary>"did you mean X?" for misspelt keys and names: the closest known word by edit distance, if close enough.</summary>
public static class Suggestions
{
    /// <summary>" (did you mean 'lr'?)" or, when nothing is close, " (expected one of: a, b, c)".</summary>
    public static string DidYouMean(string written, IEnumerable<string> known)
    {
        var candidates = known.ToArray();
        var best = candidates
            .Select(word => (word, distance: Distance(written.ToLowerInvariant(), word.ToLowerInvariant())))
            .OrderBy(pair => pair.distance)
            .FirstOrDefault();
        // Within a third of the word (at least 2 edits) is a typo; farther is a different word, unless one is the
        // start of the other (val_accuracy for val_acc).
        var close = best.word is not null && best.distance <= Math.Max(2, best.word.Length / 3);
        if (!close)
        {
            var lower = written.ToLowerInvariant();
            var prefix = candidates.FirstOrDefault(word => word.Length >= 2 && lower.Length >= 2
                && (lower.StartsWith(word.ToLowerInvariant(), StringComparison.Ordinal) || word.ToLowerInvariant().StartsWith(lower, StringComparison.Ordinal)));
            if (prefix is not null) (best.word, close) = (prefix, true);
        }
        return close ? $"did you mean '{best.word}'?" : $"expected one of: {string.Join(", ", candidates)}";
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions each cost 1.</summary>
    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
