using Sweep.Results.Exports;

namespace Sweep.Cli.Commands;

/// <summary>The formats of `sweep export` (and of `sweep status` besides its table), and which writer writes each.</summary>
public static class ExportFormats
{
    public static readonly IReadOnlyList<string> Names = ["csv", "json"];

    public static bool IsKnown(string format) => Names.Contains(format.ToLowerInvariant());

    public static string UnknownMessage(string format) =>
        $"--format: '{format}' is not an export format (expected {string.Join(", ", Names)})";

    public static void Write(ExportTable table, string format, TextWriter writer)
    {
        if (format.Equals("json", StringComparison.OrdinalIgnoreCase)) JsonTable.Write(table, writer);
        else CsvTable.Write(table, writer);
    }
}
