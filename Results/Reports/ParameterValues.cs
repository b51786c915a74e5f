using System.Globalization;
using Sweep.Worker.Trials;

namespace Sweep.Results.Reports;

/// <summary>
/// A configuration's hyperparameters as values a report can compare, sort and print: numbers stay numbers (so JSON
/// keeps them typed), hidden is text as in --hidden and the trial_results view ('none', '500', '256,128').
/// </summary>
public static class ParameterValues
{
    public static SortedDictionary<string, object> Of(TrialConfig config) => new(StringComparer.Ordinal)
    {
        ["batch"] = config.Batch,
        ["epochs"] = config.Epochs,
        ["hidden"] = config.Hidden.Count == 0 ? "none" : string.Join(",", config.Hidden),
        ["init"] = config.Init.ToString().ToLowerInvariant(),
        ["lambda"] = config.Lambda,
        ["lr"] = config.LearningRate,
        ["lr_schedule"] = config.Schedule.ToString().ToLowerInvariant(),
        ["momentum"] = config.Momentum,
        ["seed"] = config.Seed,
        ["val_size"] = config.ValidationSize,
    };

    /// <summary>Invariant culture, shortest round-trip text for doubles: 0.0001 prints as 0.0001, never 1.0000E-004.</summary>
    public static string Text(object value) => value switch
    {
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Numbers in numeric order, anything else in ordinal text order.</summary>
    public static int Compare(object left, object right) =>
        IsNumber(left) && IsNumber(right)
            ? Convert.ToDouble(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(right, CultureInfo.InvariantCulture))
            : string.CompareOrdinal(Text(left), Text(right));

    private static bool IsNumber(object value) => value is double or int or long or ulong;
}
