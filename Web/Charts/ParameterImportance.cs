using Sweep.Results.Reports;

namespace Sweep.Web.Charts;

/// <summary>
/// How much the ranked metric moves with each varying parameter: the spread (largest minus smallest) of its marginal
/// means — <see cref="SweepReport"/>'s, over completed trials — normalised so the spreads sum to 1. Simple and honest
/// for a grid; for a random sweep it reads the report's equal-count bins. Not a variance decomposition: interactions
/// are not separated from main effects.
/// </summary>
public static class ParameterImportance
{
    public const string Method =
        "spread of marginal means: for each parameter, the largest minus the smallest mean metric over its values (completed trials), normalised to sum to 1";

    public static IReadOnlyList<(string Parameter, double Share)> Of(IReadOnlyList<Marginal> marginals)
    {
        var spreads = marginals.Select(marginal =>
            {
                var means = marginal.Values.Select(value => value.Mean).OfType<double>().ToList();
                return (marginal.Parameter, Spread: means.Count > 1 ? means.Max() - means.Min() : 0.0);
            })
            .ToList();
        var total = spreads.Sum(entry => entry.Spread);
        return spreads.Select(entry => (entry.Parameter, total > 0 ? entry.Spread / total : 0.0))
            .OrderByDescending(entry => entry.Item2)
            .ToList();
    }
}
