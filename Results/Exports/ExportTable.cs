namespace Sweep.Results.Exports;

/// <summary>
/// Rows under named columns, for scripts: what `sweep export` and `sweep status --format csv|json` write through
/// <see cref="CsvTable"/> and <see cref="JsonTable"/>. A value is text, a whole number, a double, or null (missing).
/// Column names must differ (a parameter named like a fixed column would otherwise shadow it in JSON).
/// </summary>
public sealed class ExportTable
{
    private readonly List<object?[]> rows = [];

    public ExportTable(IReadOnlyList<string> columns)
    {
        var repeated = columns.GroupBy(column => column).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (repeated.Count > 0) throw new ArgumentException($"a column appears more than once: {string.Join(", ", repeated)}", nameof(columns));
        Columns = columns;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<IReadOnlyList<object?>> Rows => rows;

    /// <summary>One row, a value per column in column order.</summary>
    public void Add(params object?[] values)
    {
        if (values.Length != Columns.Count)
            throw new ArgumentException($"a row of {values.Length} values for {Columns.Count} columns", nameof(values));
        rows.Add(values);
    }
}
