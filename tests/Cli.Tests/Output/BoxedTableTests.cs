using Spectre.Console;
using Sweep.Cli.Output;
using Sweep.Results.Reports;

namespace Sweep.Cli.Tests.Output;

public sealed class BoxedTableTests
{
    private static TextTable Table() => new TextTable(["sweep", "metric", "trials", "note"], new HashSet<int> { 2 })
        .AddRow("seed-replication-with-a-long-name", "val_acc", "12", "free text at the end")
        .AddRow("b", "", "3", "");

    [Fact]
    public void Write_OnATerminalTooNarrowForTheBox_FallsBackToThePlainLayoutInsteadOfWrappingCells()
    {
        var terminal = new StringWriter();
        var plain = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(terminal) });
        console.Profile.Width = 40;

        Table().Write(plain, console, "sweeps");

        Assert.Equal("", terminal.ToString());
        Assert.StartsWith("sweeps", plain.ToString());
        Assert.Contains("seed-replication-with-a-long-name", plain.ToString());
    }

    [Fact]
    public void Write_OnAWideTerminal_DrawsTheBox()
    {
        var terminal = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(terminal) });
        console.Profile.Width = 120;

        Table().Write(TextWriter.Null, console);

        Assert.Contains("│ seed-replication-with-a-long-name │", terminal.ToString());
    }
}
