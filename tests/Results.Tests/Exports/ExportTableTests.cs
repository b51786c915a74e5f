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
}
