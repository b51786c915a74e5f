using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sweep.Web.Data;

/// <summary>
/// Writing the JSON the pages read: compact, and safe inside an HTML &lt;script&gt; element (the default encoder writes
/// &lt;, &gt;, &amp; and quotes as \u escapes, so a stored "&lt;/script&gt;" cannot end the element).
/// </summary>
public static class CompactJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Default, Indented = false };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options)) write(writer);
        return buffer.ToArray();
    }

    /// <summary>A point of a curve: 4 significant digits (97.61 % is 0.9761; a curve cannot show more), null when absent or not finite.</summary>
    public static void Chart(Utf8JsonWriter writer, double? value) => Rounded(writer, value, "G4");

    /// <summary>A value people read, to the 6 significant digits every table prints; null when absent or not finite.</summary>
    public static void Shown(Utf8JsonWriter writer, double? value) => Rounded(writer, value, "G6");

    private static void Rounded(Utf8JsonWriter writer, double? value, string format)
    {
        if (value is { } number && double.IsFinite(number))
            writer.WriteRawValue(number.ToString(format, CultureInfo.InvariantCulture), skipInputValidation: true);
        else writer.WriteNullValue();
    }

    /// <summary>A value at full precision (a table that sorts by it), null when absent or not finite.</summary>
    public static void Exact(Utf8JsonWriter writer, double? value)
    {
        if (value is { } number && double.IsFinite(number)) writer.WriteNumberValue(number);
        else writer.WriteNullValue();
    }

    /// <summary>
    /// A hyperparameter as <see cref="Sweep.Results.Reports.ParameterValues"/> gives it: numbers stay numbers, doubles to the
    /// 6 significant digits of <see cref="Sweep.Results.Reports.ParameterValues.Display"/> (a random draw has 17).
    /// </summary>
    public static void Parameter(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case double number: Shown(writer, number); break;
            case int number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case ulong number: writer.WriteNumberValue(number); break;
            default: writer.WriteStringValue(Sweep.Results.Reports.ParameterValues.Text(value)); break;
        }
    }

    public static void Column<T>(Utf8JsonWriter writer, string name, IEnumerable<T> values, Action<Utf8JsonWriter, T> write)
    {
        writer.WriteStartArray(name);
        foreach (var value in values) write(writer, value);
        writer.WriteEndArray();
    }

    public static void Strings(Utf8JsonWriter writer, string name, IEnumerable<string?> values) =>
        Column(writer, name, values, (json, value) => json.WriteStringValue(value));
}
