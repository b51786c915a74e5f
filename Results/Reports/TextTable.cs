namespace Sweep.Results.Reports;

/// <summary>
/// A table of plain-text cells, shown boxed on a terminal wide enough for it (the executable's BoxedTable), and otherwise as
/// whitespace-aligned columns: no box drawing, no wrapping, no truncation, so `| cat`, `awk` and `cut` see every row
/// split into the same fields. In that layout a blank cell prints as "-" and whitespace inside a cell as "_", except
/// in the last column, which may hold free text (an error message), as `ps` does with its command column.
/// Shared by the reports and `sweep status`.
/// </summary>
public sealed class TextTable(IReadOnlyList<string> headers, IReadOnlySet<int>? rightAligned = null)
{
    private const string ColumnGap = "  ";
    private readonly List<IReadOnlyList<string>> _rows = [];

    public IReadOnlyList<string> Headers { get; } = headers;

    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    public TextTable AddRow(params IReadOnlyList<string> cells)
    {
        if (cells.Count != Headers.Count)
            throw new ArgumentException($"a row of {cells.Count} cells in a table of {Headers.Count} columns", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    public void WritePlain(TextWriter writer)
    {
        var cells = new List<IReadOnlyList<string>> { Headers.Select((cell, column) => PlainCell(cell, column)).ToList() };
        cells.AddRange(_rows.Select(row => (IReadOnlyList<string>)row.Select((cell, column) => PlainCell(cell, column)).ToList()));
        var widths = Enumerable.Range(0, Headers.Count).Select(column => cells.Max(row => row[column].Length)).ToList();
        foreach (var row in cells)
        {
            var padded = row.Select((cell, column) => column == Headers.Count - 1 && !IsRightAligned(column)
                ? cell
                : IsRightAligned(column) ? cell.PadLeft(widths[column]) : cell.PadRight(widths[column]));
            writer.WriteLine(string.Join(ColumnGap, padded));
        }
    }

    /// <summary>A GitHub markdown table; a pipe or a line break inside a cell would end it.</summary>
    public void WriteMarkdown(TextWriter writer)
    {
        MarkdownRow(writer, Headers);
        MarkdownRow(writer, Headers.Select((_, column) => IsRightAligned(column) ? "---:" : "---"));
        foreach (var row in _rows) MarkdownRow(writer, row);
    }

    private static void MarkdownRow(TextWriter writer, IEnumerable<string> cells) =>
        writer.WriteLine("| " + string.Join(" | ", cells.Select(cell => cell.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " "))) + " |");

    /// <summary>Spectre's box: one border per column plus one, and a space either side of every cell.</summary>
    public int BoxedWidth() =>
        Enumerable.Range(0, Headers.Count).Sum(column => _rows.Select(row => row[column].Length).Append(Headers[column].Length).Max())
        + 3 * Headers.Count + 1;

    public bool IsRightAligned(int column) => rightAligned?.Contains(column) == true;


    private string PlainCell(string cell, int column)
    {
        if (string.IsNullOrWhiteSpace(cell)) return ReportText.Missing;
        var flat = string.Join(' ', cell.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return column == Headers.Count - 1 ? flat : flat.Replace(' ', '_');
    }
}
