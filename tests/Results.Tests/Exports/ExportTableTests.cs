using System.Text.Json;
using Sweep.Results.Exports;

namespace Sweep.Results.Tests.Exports;

/// <summary>The table both formats write: its rules for columns and for values JSON and CSV cannot hold as they are.</summary>
public sealed class ExportTableTests
{
    [Fact]
    public void AColumnNamedTwice_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ExportTable(["hash", "seconds", "seconds"]));

        Assert.Contains("seconds", error.Message);
    }

    [Fact]
    public void ARowOfTheWrongWidth_IsRefused()
    {
        var table = new ExportTable(["a", "b"]);

        Assert.Throws<ArgumentException>(() => table.Add("only one"));
    }

    [Fact]
    public void NonFiniteNumbers_AreNullInJson_AndEmptyInCsv_LikeAMissingValue()
    {
        var table = new ExportTable(["nan", "inf", "minus_inf", "missing", "whole", "tiny"]);
        table.Add(double.NaN, double.PositiveInfinity, double.NegativeInfinity, null, 3, 1e-300);

        using var json = JsonDocument.Parse(TrialExportTests.Json(table));
        var row = json.RootElement[0];
        Assert.All(["nan", "inf", "minus_inf", "missing"], column => Assert.Equal(JsonValueKind.Null, row.GetProperty(column).ValueKind));
        Assert.Equal(3, row.GetProperty("whole").GetInt32());
        Assert.Equal(1e-300, row.GetProperty("tiny").GetDouble());
        Assert.Equal(["", "", "", "", "3", "1E-300"], CsvReader.Read(TrialExportTests.Csv(table))[1]);
    }

    [Fact]
    public void AnEmptyTable_IsAHeaderInCsv_AndAnEmptyArrayInJson()
    {
        var table = new ExportTable(["a", "b"]);

        Assert.Equal("a,b\r\n", TrialExportTests.Csv(table));
        Assert.Equal(0, JsonDocument.Parse(TrialExportTests.Json(table)).RootElement.GetArrayLength());
    }

    [Fact]
    public void ALargeTable_GoesToTheWriterInPieces_AndParsesWhole_NonAsciiTextEscaped()
    {
        // Text beyond ASCII (2-, 3- and 4-byte in UTF-8), which the JSON carries as \uXXXX escapes and gives back whole.
        var table = new ExportTable(["trial", "note", "val_acc"]);
        const int rows = 5000;
        for (var i = 0; i < rows; i++) table.Add(i, $"λ={i} ✓ 日本 🙂 {new string('x', i % 50)}", i / 10000.0);
        var writer = new PieceWriter();

        JsonTable.Write(table, writer);

        Assert.True(writer.Pieces.Count > 4, $"{writer.Pieces.Count} pieces");
        // A piece is sent once it reaches FlushBytes, so it holds at most one row (here < 1 KB) more.
        Assert.All(writer.Pieces, length => Assert.InRange(length, 0, JsonTable.FlushBytes + 1024));
        Assert.All(writer.ToString(), character => Assert.InRange(character, '\0', '\x7f'));
        using var json = JsonDocument.Parse(writer.ToString());
        Assert.Equal(rows, json.RootElement.GetArrayLength());
        for (var i = 0; i < rows; i += 997)
        {
            var row = json.RootElement[i];
            Assert.Equal(i, row.GetProperty("trial").GetInt32());
            Assert.Equal($"λ={i} ✓ 日本 🙂 {new string('x', i % 50)}", row.GetProperty("note").GetString());
            Assert.Equal(i / 10000.0, row.GetProperty("val_acc").GetDouble());
        }
    }

    /// <summary>Records the length of every text handed to it, to see that a writer got its output in pieces.</summary>
    private sealed class PieceWriter : StringWriter
    {
        public List<int> Pieces { get; } = [];

        public override void Write(string? value)
        {
            Pieces.Add(value?.Length ?? 0);
            base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Pieces.Add(count);
            base.Write(buffer, index, count);
        }
    }
}
