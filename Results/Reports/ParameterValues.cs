using System.Globalization;
using Sweep.Trials;

namespace Sweep.Results.Reports;

/// <summary>
/// A configuration's hyperparameters as values a report can compare, sort and print: numbers stay numbers (so JSON
/// keeps them typed), hidden is text as in --hidden and the trial_results view ('none', '500', '256,128'); the parameter table says how.
/// </summary>
public static class ParameterValues
{
    public static SortedDictionary<string, object> Of(TrialConfig config) =>
        new(HyperParameters.All.ToDictionary(parameter => parameter.Name, parameter => parameter.ReportValue(config[parameter])), StringComparer.Ordinal);

    /// <summary>Invariant culture, shortest round-trip text for doubles: 0.0001 prints as 0.0001, never 1.0000E-004.</summary>
    public static string Text(object value) => value switch
    {
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// For people: doubles to 6 significant digits (a random draw such as 0.0004560966350253057 prints as 0.000456097;
    /// grid values like 0.0001 or 1e-05 print as written); CSV and JSON keep <see cref="Text"/>'s full precision.
    /// </summary>
    public static string Display(object value) => value is double number
        ? number.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal)
        : Text(value);

    /// <summary>Numbers in numeric order, anything else in ordinal text order.</summary>
    public static int Compare(object left, object right) =>
        IsNumber(left) && IsNumber(right)
            ? Convert.ToDouble(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(right, CultureInfo.InvariantCulture))
            : string.CompareOrdinal(Text(left), Text(right));

    private static bool IsNumber(object value) => value is double or int or long or ulong;
}
