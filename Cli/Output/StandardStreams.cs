using Spectre.Console;
using Sweep.Results.Reports;

namespace Sweep.Cli.Output;

/// <summary>
/// Where output goes: stdout carries only what a command produces (a report, a table, JSON, CSV), progress and logs go
/// to stderr, so `sweep run --format json > out.json` is valid JSON and `sweep status | awk` sees only rows.
/// </summary>
public static class StandardStreams
{
    /// <summary>The terminal behind stdout, or null when stdout is a pipe or a file (then tables use the plain layout).</summary>
    public static IAnsiConsole? OutputTerminal => Console.IsOutputRedirected ? null : AnsiConsole.Console;

    /// <summary>A console on stderr for the live progress view, or null when stderr is not an interactive terminal.</summary>
    public static IAnsiConsole? ErrorTerminal()
    {
        if (Console.IsErrorRedirected) return null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Profile.Capabilities.Interactive ? console : null;
    }

    /// <summary>A table on stdout: boxed on a terminal wide enough, else whitespace-aligned columns (see <see cref="TextTable"/>).</summary>
    public static void Write(TextTable table, string? title = null)
    {
        table.Write(Console.Out, OutputTerminal, title);
        Console.Out.Flush();
    }
}
