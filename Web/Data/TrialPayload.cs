using Sweep.Results;
using Sweep.Results.Reports;
using Sweep.Trials;

namespace Sweep.Web.Data;

/// <summary>/api/trials/{hash}: one trial's configuration, state, metrics, timing, per-epoch curves and pruning decisions.</summary>
public static class TrialPayload
{
    /// <summary>The JSON, or null when no sweep holds a trial with this hash.</summary>
    public static byte[]? Write(ResultsStore store, string hash)
    {
        if (store.TrialByHash(hash) is not var (row, sweeps)) return null;
        var epochs = store.Epochs(hash);
        var decisions = store.Decisions(hash);
        return CompactJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("hash", row.Hash);
            CompactJson.Strings(json, "sweeps", sweeps);
            json.WriteString("status", row.Status.Name());
            json.WriteNumber("attempt", row.Attempt);
            json.WriteString("worker", row.Worker);
            json.WriteString("code", row.Code);
            json.WriteString("error", row.Error);
            json.WriteString("startedAt", row.StartedAt);
            json.WriteString("finishedAt", row.FinishedAt);
            json.WritePropertyName("seconds");
            CompactJson.Exact(json, row.Seconds);
            json.WritePropertyName("epochsDone");
            if ((row.EpochsDone ?? row.LatestEpoch) is { } done) json.WriteNumberValue(done);
            else json.WriteNullValue();
            json.WriteStartObject("config");
            foreach (var (name, value) in ParameterValues.Of(row.Config)) json.WriteString(name, ParameterValues.Display(value));
            json.WriteEndObject();
            json.WriteStartObject("metrics");
            foreach (var metric in Metric.All) json.WriteString(metric.Name, metric.Format(metric.ValueOf(row)));
            json.WriteEndObject();
            json.WriteStartObject("curves");
            CompactJson.Column(json, "epoch", epochs, (writer, epoch) => writer.WriteNumberValue(epoch.Epoch));
            CompactJson.Column(json, "val_acc", epochs, (writer, epoch) => CompactJson.Chart(writer, epoch.ValAcc));
            CompactJson.Column(json, "val_loss", epochs, (writer, epoch) => CompactJson.Chart(writer, epoch.ValLoss));
            CompactJson.Column(json, "train_loss", epochs, (writer, epoch) => CompactJson.Chart(writer, epoch.TrainLoss));
            CompactJson.Column(json, "seconds", epochs, (writer, epoch) => CompactJson.Chart(writer, epoch.Seconds));
            json.WriteEndObject();
            json.WriteStartArray("decisions");
            foreach (var decision in decisions)
            {
                json.WriteStartObject();
                json.WriteString("sweep", decision.Sweep);
                json.WriteNumber("attempt", decision.Attempt);
                json.WriteNumber("rung", decision.Rung);
                json.WriteString("metric", decision.Metric);
                var metric = Metric.Named(decision.Metric);
                json.WriteString("value", metric?.Format(decision.Value) ?? decision.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("threshold", metric?.Format(decision.Threshold) ?? decision.Threshold?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                json.WriteNumber("compared", decision.Compared);
                json.WriteString("decision", decision.Decision);
                json.WriteString("rule", decision.Rule);
                json.WriteString("decidedAt", decision.DecidedAt);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
