using Spectre.Console;
using Sweep.Cli.Output;
using Sweep.Results.Reports;

namespace Sweep.Cli.Tests.Output;

public sealed class TableReportRendererTests
{
    private readonly SweepReport report = ReportFixture.Report();

    [Fact]
    public void TableRenderer_OnAWideTerminal_DrawsBoxedTablesWithAccuraciesInPercent()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;

        TableReportRenderer.Render(report, TextWriter.Null, console);

        var text = output.ToString();
        Assert.Contains("sweep lr-lambda: ranked by val_acc (maximize), 6 of 9 trials in 4 configurations", text);
        Assert.Contains("status: pending 1, completed 6, diverged 1, failed 1", text);
        Assert.Contains("│", text);
        Assert.Contains("91.00%", text);
        Assert.Contains("1.41%", text); // the spread of 0.90 and 0.92, in percentage points
        Assert.Contains("best configuration", text);
        Assert.Contains("92.50%", text); // marginal mean at lr 0.1
        Assert.Contains("IOException: disk full", text);
        Assert.DoesNotContain("0.9700", text);
        Assert.True(text.IndexOf("97.00%", StringComparison.Ordinal) < text.IndexOf("96.00%", StringComparison.Ordinal));
    }

    [Fact]
    public void TableRenderer_WithoutATerminal_WritesEveryTableAsRowsOfEqualFieldCount()
    {
        var output = new StringWriter();

        TableReportRenderer.Render(report, output, terminal: null);

        var lines = output.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.DoesNotContain(lines, line => line.IndexOfAny(['│', '─', '┌', '╭']) >= 0);
        var ranking = Section(lines, "ranking");
        Assert.Equal(["#", "lambda", "lr", "val_acc", "std", "n", "seconds"], Fields(ranking[0]));
        Assert.All(ranking, line => Assert.Equal(7, Fields(line).Length));
        Assert.Equal(["4", "0.0001", "0.1", "91.00%", "1.41%", "2", "10.5s"], Fields(ranking[^1]));
        Assert.All(Section(lines, "marginal mean val_acc"), line => Assert.Equal(4, Fields(line).Length));
        Assert.Contains("failed    " + report.Failures[1].Hash[..12] + "  IOException: disk full", Section(lines, "not ranked"));
    }

    /// <summary>The rows after a section's title line, up to the blank line that ends it.</summary>
    private static List<string> Section(List<string> lines, string title) =>
        lines.SkipWhile(line => line != title).Skip(1).TakeWhile(line => line.Length > 0).ToList();

    private static string[] Fields(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
