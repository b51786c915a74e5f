using System.Text.Json;
using Sweep.Engine.Training;
using Sweep.Results;
using Sweep.Results.Reports;
using Sweep.Trials;
using Sweep.Web.Charts;

namespace Sweep.Web.Data;

/// <summary>
/// /api/sweeps/{name}: everything the sweep page draws, in columns (one array per field, trials in sweep order) so that
/// 10,000 trials and 100,000 epochs stay a few MB: the trial table, the ranking (<see cref="ModelRanking"/>, the order
/// of `sweep export-model --rank`), the curves, parameter importance and seed groups (<see cref="SweepReport"/>).
/// </summary>
public static class SweepPayload
{
    public static byte[] Write(ResultsStore store, SweepRecord sweep)
    {
        // The two reads on two connections at once (each is a fifth of a large sweep's time). They may see two snapshots
        // of a file being written; the curves then hold an epoch the row does not count yet, which the next poll settles.
        var epochsRead = Task.Run(() => store.SweepEpochs(sweep.Name));
        var rows = store.TrialRows(sweep.Name);
        var epochs = epochsRead.GetAwaiter().GetResult();
        var options = ReportOptions.For(sweep);
        var report = SweepReport.Build(sweep, rows, options);
        var parameters = rows.Select(row => ParameterValues.Of(row.Config)).ToList();
        var columns = ParameterColumns(report, parameters);
        var facts = SweepFacts.Of(sweep, report.VaryingParameters, parameters);
        var ranked = ModelRanking.Ranked(sweep, rows);
        var ranks = ranked.Select((row, index) => (row.Hash, Rank: index + 1)).ToDictionary(pair => pair.Hash, pair => pair.Rank);

        return CompactJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("name", sweep.Name);
            json.WriteString("method", sweep.Method);
            json.WriteString("metric", options.Metric.Name);
            json.WriteString("goal", options.Goal.Name());
            json.WriteBoolean("metricIsAccuracy", options.Metric.IsAccuracy);
            SweepListPayload.WriteCounts(json, report.Counts);
            json.WriteString("best", options.Metric.Format(ranked.Count > 0 ? options.Metric.ValueOf(ranked[0]) : null));
            CompactJson.Strings(json, "parameters", columns);
            json.WriteStartObject("fixed");
            foreach (var name in TrialConfig.ParameterNames.Where(name => !columns.Contains(name) && parameters.Count > 0))
                json.WriteString(name, ParameterValues.Display(parameters[0][name]));
            json.WriteEndObject();
            CompactJson.Strings(json, "logScaled", facts.LogScaled);
            CompactJson.Strings(json, "gridAxes", facts.GridAxes);
            WriteImportance(json, report);
            WriteSeedGroups(json, report, options.Metric);
            WriteTrials(json, rows, parameters, columns, ranks, options.Metric);
            WriteCurves(json, rows, epochs);
            json.WriteEndObject();
        });
    }

    /// <summary>The report's varying parameters, then seed when trials differ by it (the report averages over seeds).</summary>
    private static List<string> ParameterColumns(SweepReport report, List<SortedDictionary<string, object>> parameters)
    {
        var columns = report.VaryingParameters.ToList();
        if (parameters.Select(values => values["seed"]).Distinct().Count() > 1) columns.Add("seed");
        return columns;
    }

    private static void WriteImportance(Utf8JsonWriter json, SweepReport report)
    {
        json.WriteStartObject("importance");
        json.WriteString("method", ParameterImportance.Method);
        var shares = ParameterImportance.Of(report.Marginals);
        CompactJson.Strings(json, "parameters", shares.Select(share => share.Parameter));
        CompactJson.Column(json, "shares", shares, (writer, share) => CompactJson.Chart(writer, share.Share));
        json.WriteEndObject();
    }

    /// <summary>Configurations run with more than one seed, best first: mean ± sample std of the metric over the seeds.</summary>
    private static void WriteSeedGroups(Utf8JsonWriter json, SweepReport report, Metric metric)
    {
        var groups = report.Groups.Where(group => group.N > 1).ToList();
        json.WriteStartObject("seedGroups");
        CompactJson.Strings(json, "labels", groups.Select(group => string.Join(" ", report.VaryingParameters.Select(name =>
            $"{name}={ParameterValues.Display(group.Parameters[name])}"))));
        CompactJson.Column(json, "means", groups, (writer, group) => CompactJson.Chart(writer, group.Mean));
        CompactJson.Column(json, "stds", groups, (writer, group) => CompactJson.Chart(writer, group.Std));
        CompactJson.Column(json, "n", groups, (writer, group) => writer.WriteNumberValue(group.N));
        CompactJson.Strings(json, "text", groups.Select(group => $"{metric.Format(group.Mean)} ± {metric.Format(group.Std)}"));
        json.WriteEndObject();
    }

    private static void WriteTrials(Utf8JsonWriter json, IReadOnlyList<TrialRow> rows, List<SortedDictionary<string, object>> parameters,
        List<string> columns, Dictionary<string, int> ranks, Metric metric)
    {
        json.WriteStartObject("trials");
        CompactJson.Strings(json, "hash", rows.Select(row => row.Hash));
        CompactJson.Column(json, "rank", rows, (writer, row) =>
        {
            if (ranks.TryGetValue(row.Hash, out var rank)) writer.WriteNumberValue(rank);
            else writer.WriteNullValue();
        });
        CompactJson.Strings(json, "status", rows.Select(row => row.Status.Name()));
        CompactJson.Column(json, "attempt", rows, (writer, row) => writer.WriteNumberValue(row.Attempt));
        CompactJson.Strings(json, "worker", rows.Select(row => row.Worker));
        CompactJson.Strings(json, "code", rows.Select(row => row.Code));
        CompactJson.Column(json, "metric", rows, (writer, row) => CompactJson.Shown(writer, metric.ValueOf(row)));
        CompactJson.Strings(json, "metricText", rows.Select(row => metric.ValueOf(row) is { } value ? metric.Format(value) : null));
        CompactJson.Column(json, "epochs", rows, (writer, row) =>
        {
            if ((row.EpochsDone ?? row.LatestEpoch) is { } done) writer.WriteNumberValue(done);
            else writer.WriteNullValue();
        });
        // Which trials ended, in the order they ended (for best-so-far): indexes, not 10,000 timestamps.
        CompactJson.Column(json, "finishOrder", rows.Select((row, index) => (row.FinishedAt, Index: index)).Where(entry => entry.FinishedAt is not null)
            .OrderBy(entry => entry.FinishedAt, StringComparer.Ordinal).ThenBy(entry => entry.Index), (writer, entry) => writer.WriteNumberValue(entry.Index));
        json.WriteStartObject("params");
        foreach (var name in columns) CompactJson.Column(json, name, parameters, (writer, values) => CompactJson.Parameter(writer, values[name]));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// Per trial (in the trials' order) its first stored epoch (null: none yet) and, from there, one value per epoch of each
    /// per-epoch metric (null for a missing epoch), so epoch numbers need not be sent: epoch = first + position.
    /// </summary>
    private static void WriteCurves(Utf8JsonWriter json, IReadOnlyList<TrialRow> rows, IReadOnlyList<SweepEpoch> epochs)
    {
        var byTrial = new Dictionary<string, List<EpochMetrics>>(StringComparer.Ordinal);
        foreach (var epoch in epochs)
        {
            if (!byTrial.TryGetValue(epoch.Hash, out var curve)) byTrial[epoch.Hash] = curve = [];
            curve.Add(epoch.Metrics);
        }
        var curves = rows.Select(row => byTrial.GetValueOrDefault(row.Hash) ?? []).ToList();
        json.WriteStartObject("curves");
        CompactJson.Column(json, "first", curves, (writer, curve) =>
        {
            if (curve.Count > 0) writer.WriteNumberValue(curve[0].Epoch);
            else writer.WriteNullValue();
        });
        WriteSeries(json, "val_acc", curves, epoch => epoch.ValAcc);
        WriteSeries(json, "val_loss", curves, epoch => epoch.ValLoss);
        WriteSeries(json, "train_loss", curves, epoch => epoch.TrainLoss);
        json.WriteEndObject();
    }

    /// <summary>The curves' epochs are ordered and unique (the epochs table's key), so a gap is the only thing to fill.</summary>
    private static void WriteSeries(Utf8JsonWriter json, string name, List<List<EpochMetrics>> curves, Func<EpochMetrics, double> value)
    {
        json.WriteStartArray(name);
        foreach (var curve in curves)
        {
            json.WriteStartArray();
            for (var k = 0; k < curve.Count; k++)
            {
                if (k > 0) for (var missing = curve[k - 1].Epoch + 1; missing < curve[k].Epoch; missing++) json.WriteNullValue();
                CompactJson.Chart(json, value(curve[k]));
            }
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }
}
