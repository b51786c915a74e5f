using System.Text.Json;
using System.Text.Json.Serialization;
using Sweep.Trials;

namespace Sweep.Results.Reports;

/// <summary>A metric in JSON is its name ("val_acc"), as everywhere else a metric is written down.</summary>
public sealed class MetricJsonConverter : JsonConverter<Metric>
{
    public override Metric Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Metric.Named(reader.GetString() ?? "") ?? throw new JsonException(Metric.UnknownMessage(reader.GetString() ?? ""));

    public override void Write(Utf8JsonWriter writer, Metric value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
}
