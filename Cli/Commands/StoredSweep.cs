using Sweep.Coordinator.SweepFiles;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>A sweep named on the command line, which must be in the results file: else bad input with a suggestion.</summary>
public static class StoredSweep
{
    public static SweepRecord Require(ResultsStore store, string name)
    {
        if (store.GetSweep(name) is { } sweep) return sweep;
        var names = store.ListSweeps().Select(summary => summary.Name).ToList();
        var hint = names.Count == 0 ? "the file has no sweep yet" : Suggestions.DidYouMean(name, names);
        throw new UsageException($"{store.Path}: no sweep named '{name}' ({hint})");
    }
}
