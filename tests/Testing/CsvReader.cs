using System.Text;

namespace Sweep.Testing;

/// <summary>
/// A strict RFC 4180 reader, to read back what `sweep` writes as a spreadsheet or pandas would: records end with CRLF,
/// a quoted field may hold commas, quotes (doubled) and line breaks, and a quote inside an unquoted field, a stray
/// character after a closing quote, or a last record without its CRLF is an error rather than a guess.
/// </summary>
public static class CsvReader
{
    /// <summary>The records after the header row, each as its fields by column name; a record of another width is an error.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadRows(string text)
    {
        var records = Read(text);
        if (records.Count == 0) throw new FormatException("no header row");
        var header = records[0];
        return records.Skip(1).Select((record, index) => record.Length == header.Length
            ? header.Zip(record).ToDictionary(pair => pair.First, pair => pair.Second)
            : throw new FormatException($"record {index + 2}: {record.Length} fields under a header of {header.Length}")).ToList();
    }

    public static IReadOnlyList<string[]> Read(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException($"record {records.Count + 1}: a quoted field is not closed");
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; }
                    else if (text[i] == '"') { i++; break; }
                    else field.Append(text[i++]);
                }
                if (i < text.Length && text[i] != ',' && text[i] != '\r')
                    throw new FormatException($"record {records.Count + 1}: '{text[i]}' after a closing quote");
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    if (text[i] == '"') throw new FormatException($"record {records.Count + 1}: a quote inside an unquoted field");
                    field.Append(text[i++]);
                }
            }
            fields.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',') { i++; continue; }
            if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
            {
                records.Add([.. fields]);
                fields.Clear();
                i += 2;
                continue;
            }
            throw new FormatException($"record {records.Count + 1}: ends without CRLF");
        }
        return records;
    }
}
