using System.Globalization;
using System.Text;

namespace Sweep.Cli.Benchmarks;

/// <summary>
/// The one space every method of `sweep bench search` searches, written as the sweep file a user would write: lr log
/// [0.005, 2], lambda log [1e-6, 1e-2], hidden {[], [50], [100]} (small nets with batch 100, so trials stay cheap).
/// Every method of one sampler seed shares the sweep name, random_seed and trial seed, so random and random+hyperband
/// draw the same trials: hyperband's figures are a paired comparison with the same trials run in full.
/// </summary>
public static class SearchSpace
{
    public const string SweepName = "bench-search";
    private const double LrMin = 0.005, LrMax = 2, LambdaMin = 1e-6, LambdaMax = 1e-2;
    private const string Hidden = "[[], [50], [100]]";

    public static string SweepText(SearchMethod method, int seed, int trials, int epochs)
    {
        var text = new StringBuilder()
            .AppendLine($"name: {SweepName}")
            .AppendLine("dataset: mnist")
            .AppendLine($"method: {method.Method}")
            .AppendLine("metric: {name: val_acc, goal: maximize}");
        if (method != SearchMethod.Grid) text.AppendLine($"run_cap: {trials}").AppendLine($"random_seed: {seed}");
        if (method.Hyperband) text.AppendLine("early_terminate: {type: hyperband, min_iter: 1, eta: 3}");
        text.AppendLine("parameters:");
        if (method == SearchMethod.Grid)
        {
            // About `trials` cells with the three hidden layouts; values centred in equal log-width bins.
            var (lrValues, lambdaValues) = GridAxes(trials);
            text.AppendLine($"  lr: {{values: [{LogCentres(LrMin, LrMax, lrValues)}]}}")
                .AppendLine($"  lambda: {{values: [{LogCentres(LambdaMin, LambdaMax, lambdaValues)}]}}");
        }
        else
        {
            text.AppendLine($"  lr: {{min: {Number(LrMin)}, max: {Number(LrMax)}, scale: log}}")
                .AppendLine($"  lambda: {{min: {Number(LambdaMin)}, max: {Number(LambdaMax)}, scale: log}}");
        }
        return text.AppendLine($"  hidden: {{values: {Hidden}}}")
            .AppendLine($"  epochs: {{value: {epochs}}}")
            .AppendLine("  batch: {value: 100}")
            .AppendLine($"  seed: {{value: {seed}}}")
            .ToString();
    }

    /// <summary>Values of lr and of lambda in the grid, as even as can be: with the three hidden layouts, about
    /// <paramref name="trials"/> cells (4 → 3, 20 → 18, 30 → 27, 60 → 60).</summary>
    public static (int Lr, int Lambda) GridAxes(int trials)
    {
        var lambda = Math.Max(1, (int)Math.Round(Math.Sqrt(trials / 3.0)));
        return (Math.Max(1, (int)Math.Round(trials / (3.0 * lambda))), lambda);
    }

    private static string LogCentres(double min, double max, int count) => string.Join(", ", Enumerable.Range(0, count)
        .Select(i => Number(Math.Exp(Math.Log(min) + (i + 0.5) / count * (Math.Log(max) - Math.Log(min))))));

    /// <summary>4 significant digits in the exponent form sweep files use (1e-6, 3.536e-2).</summary>
    private static string Number(double value) => value.ToString("0.###e0", CultureInfo.InvariantCulture);
}
