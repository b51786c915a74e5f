using Spectre.Console;
using Sweep.Results.Reports;

namespace Sweep.Cli.Output;

/// <summary>A <see cref="TextTable"/> drawn as a Spectre.Console box on a terminal it fits, else in its plain layout.</summary>
public static class BoxedTable
{
    /// <summary>Boxed when <paramref name="terminal"/> is given and the box fits its width, else the plain layout on <paramref name="plain"/>.</summary>
    public static void Write(this TextTable table, TextWriter plain, IAnsiConsole? terminal, string? title = null)
    {
        if (terminal is not null && table.BoxedWidth() <= terminal.Profile.Width)
        {
            terminal.Write(ToSpectre(table, title));
            return;
        }
        if (title is not null) plain.WriteLine(title);
        table.WritePlain(plain);
    }

    private static Table ToSpectre(TextTable table, string? title = null)
    {
        var box = new Table();
        if (title is not null) box.Title = new TableTitle(Markup.Escape(title));
        for (var column = 0; column < table.Headers.Count; column++)
        {
            var header = new TableColumn(new Text(table.Headers[column])) { NoWrap = column < table.Headers.Count - 1 };
            box.AddColumn(table.IsRightAligned(column) ? header.RightAligned() : header);
        }
        foreach (var row in table.Rows) box.AddRow(row.Select(cell => new Text(cell)));
        return box;
    }
}
