using System.Text.Json.Nodes;
using Sweep.Results;
using Sweep.Results.Reports;

namespace Sweep.Web.Data;

/// <summary>
/// What the charts need to know about a sweep's parameters beyond the trial rows: which axes are log-scaled and which
/// parameters are grid axes, read from the sweep's stored definition (the sweep file as JSON).
/// </summary>
public sealed record SweepFacts(IReadOnlyList<string> LogScaled, IReadOnlyList<string> GridAxes)
{
    /// <summary>Positive values spanning this many decades or more read better on a log axis, whatever the file says.</summary>
    private const double LogDecades = 2;

    public static SweepFacts Of(SweepRecord sweep, IReadOnlyList<string> varying, IReadOnlyList<SortedDictionary<string, object>> parameters)
    {
        var specs = ParameterSpecs(sweep.DefinitionJson);
        var logScaled = varying.Where(name =>
                (specs.GetValueOrDefault(name)?["scale"]?.GetValue<string>() == "log") || SpansDecades(parameters.Select(values => values[name])))
            .ToList();
        // A grid axis: a list of values in a grid sweep (a random sweep's lists are drawn from, not crossed).
        var gridAxes = sweep.Method == "grid"
            ? varying.Where(name => specs.GetValueOrDefault(name)?["values"] is JsonArray { Count: > 1 }).ToList()
            : [];
        return new SweepFacts(logScaled, gridAxes);
    }

    private static bool SpansDecades(IEnumerable<object> values)
    {
        var numbers = values.OfType<double>().Distinct().ToList();
        return numbers.Count > 1 && numbers.All(number => number > 0) && Math.Log10(numbers.Max() / numbers.Min()) >= LogDecades;
    }

    private static Dictionary<string, JsonObject?> ParameterSpecs(string definitionJson)
    {
        try
        {
            return JsonNode.Parse(definitionJson)?["parameters"] is JsonObject parameters
                ? parameters.ToDictionary(entry => entry.Key, entry => entry.Value as JsonObject)
                : [];
        }
        catch (System.Text.Json.JsonException)
        {
            return []; // a definition stored by a test or an old build: no facts, charts fall back to the data
        }
    }
}
