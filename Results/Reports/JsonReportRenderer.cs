using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sweep.Results.Reports;

/// <summary>The whole report as one indented JSON object with snake_case names, for scripts.</summary>
public static class JsonReportRenderer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new MetricJsonConverter() },
    };

    public static void Render(SweepReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(JsonSerializer.Serialize(report, Options));
    }
}
