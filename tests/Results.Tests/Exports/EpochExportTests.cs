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
        var records = CsvReader.Read(TrialExportTests.Csv(EpochExport.Build(fixture.Sweep.Name, fixture.Store.SweepEpochs(fixture.Sweep.Name))));
        var stored = Stored();

        Assert.Equal(["sweep", "hash", "epoch", "train_loss", "val_loss", "val_acc", "seconds"], records[0]);
        Assert.Equal(stored.Count + 1, records.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            var (hash, epoch) = stored[i];
            var field = TrialExportTests.Fields(records[0], records[i + 1]);
            Assert.Equal(hash, field("hash"));
            Assert.Equal(epoch.Epoch.ToString(CultureInfo.InvariantCulture), field("epoch"));
            Assert.Equal(epoch.TrainLoss, TrialExportTests.Number(field("train_loss")));
            Assert.Equal(double.IsNaN(epoch.ValLoss) ? null : epoch.ValLoss, TrialExportTests.Number(field("val_loss")));
            Assert.Equal(epoch.ValAcc, TrialExportTests.Number(field("val_acc")));
            Assert.Equal(epoch.Seconds, TrialExportTests.Number(field("seconds")));
        }
        Assert.Equal(1.0 / 3, TrialExportTests.Number(TrialExportTests.Fields(records[0], records[1])("train_loss")));
        Assert.Equal("", TrialExportTests.Fields(records[0], records[4])("val_loss")); // the failed trial's NaN, stored as NULL
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
            Assert.Equal(double.IsNaN(epoch.ValLoss) ? null : epoch.ValLoss, TrialExportTests.NumberOrNull(objects[i].GetProperty("val_loss")));
            Assert.Equal(epoch.ValAcc, objects[i].GetProperty("val_acc").GetDouble());
            Assert.Equal(epoch.Seconds, objects[i].GetProperty("seconds").GetDouble());
        }
    }
}
