using System.Globalization;
using System.Text.Json;
using Sweep.Engine.Training;
using Sweep.Results.Exports;

namespace Sweep.Results.Tests.Exports;

/// <summary>`sweep export --epochs` from a real results file: a row per stored epoch, in sweep order, equal to the store's.</summary>
public sealed class EpochExportTests(ExportFixture fixture) : IClassFixture<ExportFixture>
{
    /// <summary>What the store holds per trial, in sweep order then by epoch.</summary>
    private IReadOnlyList<(string Hash, EpochMetrics Epoch)> Stored() =>
        fixture.Store.TrialRows(fixture.Sweep.Name).SelectMany(row => fixture.Store.Epochs(row.Hash).Select(epoch => (row.Hash, epoch))).ToList();

    [Fact]
    public void SweepEpochs_AreEachTrialsEpochs_InSweepOrder()
    {
        var epochs = fixture.Store.SweepEpochs(fixture.Sweep.Name);

        Assert.Equal(5, epochs.Count);
        Assert.Equal(Stored(), epochs.Select(epoch => (epoch.Hash, epoch.Metrics)));
    }

    [Fact]
    public void Csv_HasARowPerEpoch_AtFullPrecision_ANotReachedFigureEmpty()
    {
        var csv = TrialExportTests.Csv(EpochExport.Build(fixture.Sweep.Name, fixture.Store.SweepEpochs(fixture.Sweep.Name)));
        var stored = Stored();

        Assert.Equal(["sweep", "hash", "epoch", "train_loss", "val_loss", "val_acc", "seconds"], CsvReader.Read(csv)[0]);
        var records = CsvReader.ReadRows(csv);
        Assert.Equal(stored.Count, records.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            var (hash, epoch) = stored[i];
            var field = records[i];
            Assert.Equal(hash, field["hash"]);
            Assert.Equal(epoch.Epoch.ToString(CultureInfo.InvariantCulture), field["epoch"]);
            Assert.Equal(epoch.TrainLoss, ExportedNumber.Of(field["train_loss"]));
            Assert.Equal(double.IsNaN(epoch.ValLoss) ? null : epoch.ValLoss, ExportedNumber.Of(field["val_loss"]));
            Assert.Equal(epoch.ValAcc, ExportedNumber.Of(field["val_acc"]));
            Assert.Equal(epoch.Seconds, ExportedNumber.Of(field["seconds"]));
        }
        Assert.Equal(1.0 / 3, ExportedNumber.Of(records[0]["train_loss"]));
        Assert.Equal("", records[3]["val_loss"]); // the failed trial's NaN, stored as NULL
    }

    [Fact]
    public void Json_HasAnObjectPerEpoch_NumbersAsNumbers()
    {
        using var json = JsonDocument.Parse(TrialExportTests.Json(EpochExport.Build(fixture.Sweep.Name, fixture.Store.SweepEpochs(fixture.Sweep.Name))));
        var objects = json.RootElement.EnumerateArray().ToList();
        var stored = Stored();

        Assert.Equal(stored.Count, objects.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            var (hash, epoch) = stored[i];
            Assert.Equal(hash, objects[i].GetProperty("hash").GetString());
            Assert.Equal(epoch.Epoch, objects[i].GetProperty("epoch").GetInt32());
            Assert.Equal(epoch.TrainLoss, objects[i].GetProperty("train_loss").GetDouble());
            Assert.Equal(double.IsNaN(epoch.ValLoss) ? null : epoch.ValLoss, ExportedNumber.Of(objects[i].GetProperty("val_loss")));
            Assert.Equal(epoch.ValAcc, objects[i].GetProperty("val_acc").GetDouble());
            Assert.Equal(epoch.Seconds, objects[i].GetProperty("seconds").GetDouble());
        }
    }
}
