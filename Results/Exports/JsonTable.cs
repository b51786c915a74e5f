using System.Text;
using System.Text.Json;

namespace Sweep.Results.Exports;

/// <summary>
/// An <see cref="ExportTable"/> as one indented JSON array with an object per row, keyed by column. Numbers are JSON
/// numbers at full precision (shortest round-trip), text is a string, and a missing value is null — so is a non-finite
/// double, which JSON cannot hold (the results file stores NaN and ±∞ as NULL, so none is ever read back).
/// </summary>
public static class JsonTable
{
    public static void Write(ExportTable table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in table.Rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < row.Count; i++)
                {
                    json.WritePropertyName(table.Columns[i]);
                    WriteValue(json, row[i]);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case double number when double.IsFinite(number): json.WriteNumberValue(number); break;
            case double: json.WriteNullValue(); break;
            case int number: json.WriteNumberValue(number); break;
            case long number: json.WriteNumberValue(number); break;
            case ulong number: json.WriteNumberValue(number); break;
            default: json.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }
}
