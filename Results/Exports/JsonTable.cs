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
        // The JSON goes out in pieces of about FlushBytes, so an export of any size holds one piece, not the whole text.
        // A piece ends between rows (the writer flushes whole tokens; non-ASCII text is escaped as \uXXXX anyway).
        using var buffer = new MemoryStream();
        char[] chars = []; // reused: a string per piece would be a large-object allocation each time
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
                if (json.BytesPending + buffer.Length >= FlushBytes) Pass(json, buffer, writer, ref chars);
            }
            json.WriteEndArray();
            Pass(json, buffer, writer, ref chars);
        }
        writer.WriteLine();
    }

    /// <summary>Bytes of JSON gathered before they are handed to the writer.</summary>
    public const int FlushBytes = 1 << 16;

    private static void Pass(Utf8JsonWriter json, MemoryStream buffer, TextWriter writer, ref char[] chars)
    {
        json.Flush();
        var length = (int)buffer.Length; // UTF-8 never decodes to more chars than it has bytes
        if (chars.Length < length) chars = new char[Math.Max(length, 2 * FlushBytes)];
        writer.Write(chars, 0, Encoding.UTF8.GetChars(buffer.GetBuffer(), 0, length, chars, 0));
        buffer.SetLength(0);
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
