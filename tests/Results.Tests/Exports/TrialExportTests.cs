using System.Globalization;
using System.Text.Json;
using Sweep.Results.Exports;
using Sweep.Trials;

namespace Sweep.Results.Tests.Exports;

/// <summary>`sweep export --trials` from a real results file: read back with a strict CSV reader and System.Text.Json, every value equal to the store's.</summary>
public sealed class TrialExportTests : IClassFixture<ExportFixture>
{
    private readonly ExportFixture fixture;
    private readonly IReadOnlyList<TrialDetail> trials;

    public TrialExportTests(ExportFixture fixture)
    {
        this.fixture = fixture;
        trials = fixture.Store.TrialDetails(fixture.Sweep.Name);
    }

    [Fact]
    public void TrialDetails_AreTheTrialRows_WithCodeProposalAndRungDecisions()
    {
        var rows = fixture.Store.TrialRows(fixture.Sweep.Name);

        Assert.Equal(rows, trials.Select(trial => trial.Row));
        Assert.Equal([CodeFingerprint.Current, CodeFingerprint.Current, CodeFingerprint.Current, null, null], trials.Select(trial => trial.Code));
        Assert.Equal([null, null, null, null, 4], trials.Select(trial => trial.ResultsSeen));
        Assert.Equal([0, 0, 1, 0, 0], trials.Select(trial => trial.RungDecisions));
        Assert.Equal(fixture.Decision, trials[2].Pruned);
        Assert.All(trials.Where(trial => trial != trials[2]), trial => Assert.Null(trial.Pruned));
    }

    [Fact]
    public void Columns_HoldEveryParameterOfTheTable_AndEveryMetric_Once()
    {
        Assert.Equal(TrialExport.Columns.Count, TrialExport.Columns.Distinct().Count());
        Assert.All(HyperParameters.Names, name => Assert.Contains(name, TrialExport.Columns));
        Assert.All(Metric.Names, name => Assert.Contains(name, TrialExport.Columns));
    }

    [Fact]
    public void Csv_HasAHeaderAndARowPerTrial_EqualToTheStore()
    {
        var csv = Csv(TrialExport.Build(fixture.Sweep.Name, trials));

        Assert.Equal(TrialExport.Columns, CsvReader.Read(csv)[0]);
        var records = CsvReader.ReadRows(csv);
        Assert.Equal(trials.Count, records.Count);
        for (var i = 0; i < trials.Count; i++)
        {
            var row = trials[i].Row;
            var field = records[i];
            Assert.Equal(fixture.Sweep.Name, field["sweep"]);
            Assert.Equal(row.Hash, field["hash"]);
            foreach (var parameter in HyperParameters.All) Assert.Equal(parameter.Text(row.Config[parameter]), field[parameter.Name]);
            Assert.Equal(row.Status.Name(), field["status"]);
            Assert.Equal(row.Error ?? "", field["error"]);
            Assert.Equal(row.Attempt.ToString(CultureInfo.InvariantCulture), field["attempt"]);
            foreach (var metric in Metric.All) Assert.Equal(metric.ValueOf(row), ExportedNumber.Of(field[metric.Name]));
            Assert.Equal(row.Seconds, ExportedNumber.Of(field["seconds"]));
            Assert.Equal(row.StartedAt ?? "", field["started_at"]);
            Assert.Equal(row.FinishedAt ?? "", field["finished_at"]);
            Assert.Equal(row.Worker ?? "", field["worker"]);
            Assert.Equal(trials[i].Code ?? "", field["code"]);
        }
        Assert.Equal("256,128", records[0]["hidden"]);
        Assert.Equal(0.9123456789012345, ExportedNumber.Of(records[0]["val_acc"])); // a fraction, at full precision
        Assert.Equal(ExportFixture.Error, records[1]["error"]); // quote, comma and line break round-trip
        Assert.Equal(["1", "1", "0.5"], [records[2]["rung_decisions"], records[2]["pruned_at_epoch"], records[2]["pruned_value"]]);
        Assert.Equal(fixture.Decision.Threshold, ExportedNumber.Of(records[2]["pruned_threshold"]));
        Assert.Equal("4", records[4]["results_seen"]);
        Assert.Equal("", records[3]["val_acc"]); // pending: not reached
    }

    [Fact]
    public void Json_IsAnArrayOfObjectsPerTrial_NumbersAsNumbers_MissingAsNull()
    {
        using var json = JsonDocument.Parse(Json(TrialExport.Build(fixture.Sweep.Name, trials)));
        var objects = json.RootElement.EnumerateArray().ToList();

        Assert.Equal(trials.Count, objects.Count);
        for (var i = 0; i < trials.Count; i++)
        {
            var row = trials[i].Row;
            var item = objects[i];
            Assert.Equal(TrialExport.Columns, item.EnumerateObject().Select(property => property.Name));
            Assert.Equal(row.Hash, item.GetProperty("hash").GetString());
            Assert.Equal(row.Config.LearningRate, item.GetProperty("lr").GetDouble());
            Assert.Equal(row.Config.Seed, item.GetProperty("seed").GetUInt64());
            Assert.Equal(row.Config.Epochs, item.GetProperty("epochs").GetInt32());
            Assert.Equal(row.Attempt, item.GetProperty("attempt").GetInt32());
            foreach (var metric in Metric.All) Assert.Equal(metric.ValueOf(row), ExportedNumber.Of(item.GetProperty(metric.Name)));
            Assert.Equal(row.Error, item.GetProperty("error").GetString());
        }
        Assert.Equal("256,128", objects[0].GetProperty("hidden").GetString());
        Assert.Equal(0.9123456789012345, objects[0].GetProperty("val_acc").GetDouble());
        Assert.Equal(JsonValueKind.Null, objects[4].GetProperty("val_acc").ValueKind);
        Assert.Equal(JsonValueKind.Null, objects[0].GetProperty("pruned_at_epoch").ValueKind);
        Assert.Equal(1, objects[2].GetProperty("pruned_at_epoch").GetInt32());
        Assert.Equal(fixture.Decision.Compared, objects[2].GetProperty("pruned_among").GetInt32());
        Assert.Equal(4, objects[4].GetProperty("results_seen").GetInt32());
    }

    internal static string Csv(ExportTable table)
    {
        var writer = new StringWriter();
        CsvTable.Write(table, writer);
        return writer.ToString();
    }

    internal static string Json(ExportTable table)
    {
        var writer = new StringWriter();
        JsonTable.Write(table, writer);
        return writer.ToString();
    }
}
