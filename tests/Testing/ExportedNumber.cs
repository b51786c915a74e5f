using System.Globalization;
using System.Text.Json;

namespace Sweep.Testing;

/// <summary>A number as `sweep export` writes it, read back: an empty CSV field or a JSON null is a missing value.</summary>
public static class ExportedNumber
{
    public static double? Of(string field) => field.Length == 0 ? null : double.Parse(field, CultureInfo.InvariantCulture);

    public static double? Of(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetDouble();
}
