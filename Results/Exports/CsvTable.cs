using Sweep.Results.Reports;

namespace Sweep.Results.Exports;

/// <summary>
/// An <see cref="ExportTable"/> as RFC 4180 CSV (see <see cref="CsvLine"/>): a header row, then a row per table row.
/// Numbers are invariant and full precision (shortest round-trip text for doubles); an empty field is a missing value,
/// and so is a non-finite one (the results file stores NaN and ±∞ as NULL, so none is ever read back).
/// </summary>
public static class CsvTable
{
    public static void Write(ExportTable table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        CsvLine.Write(writer, table.Columns);
        foreach (var row in table.Rows) CsvLine.Write(writer, row.Select(Field));
    }

    private static string Field(object? value) => value switch
    {
        null => "",
        double number when !double.IsFinite(number) => "",
        _ => ParameterValues.Text(value),
    };
}
