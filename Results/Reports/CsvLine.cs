namespace Sweep.Results.Reports;

/// <summary>One RFC 4180 record: fields quoted only when they hold a comma, a quote or a line break; CRLF ends it.</summary>
public static class CsvLine
{
    public static void Write(TextWriter writer, IEnumerable<string> fields) =>
        writer.Write(string.Join(",", fields.Select(Field)) + "\r\n");

    private static string Field(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
