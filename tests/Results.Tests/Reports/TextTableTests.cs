using Sweep.Results.Reports;

namespace Sweep.Results.Tests.Reports;

public sealed class TextTableTests
{
    private static TextTable Table() => new TextTable(["sweep", "metric", "trials", "note"], new HashSet<int> { 2 })
        .AddRow("seed-replication-with-a-long-name", "val_acc", "12", "free text at the end")
        .AddRow("b", "", "3", "");

    [Fact]
    public void WritePlain_AlignsColumnsWithoutBoxOrWrapping_AndEveryRowHasTheSameFields()
    {
        var output = new StringWriter();

        Table().WritePlain(output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("sweep                              metric   trials  note", lines[0]);
        Assert.Equal("seed-replication-with-a-long-name  val_acc      12  free text at the end", lines[1]);
        Assert.Equal("b                                  -             3  -", lines[2]); // blanks print as "-", never as nothing
        Assert.Equal(new[] { 4, 4 }, lines.Skip(1).Select(line => line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries).Length));
    }
}
