using System.Text.Json;
using Sweep.Results;
using Sweep.Results.Reports;
using Sweep.Trials;

namespace Sweep.Web.Data;

/// <summary>/api/sweeps: every sweep of the file with its trials by state, progress, best value and last activity.</summary>
public static class SweepListPayload
{
    public static byte[] Write(ResultsStore store)
    {
        var sweeps = store.ListSweeps();
        var activity = store.LastActivity();
        return CompactJson.Write(json =>
        {
            json.WriteStartArray();
            foreach (var summary in sweeps)
            {
                var sweep = store.GetSweep(summary.Name);
                if (sweep is null) continue; // removed between the two reads
                var metric = ReportOptions.For(sweep).Metric;
                json.WriteStartObject();
                json.WriteString("name", sweep.Name);
                json.WriteString("method", sweep.Method);
                json.WriteString("metric", metric.Name);
                json.WriteString("goal", sweep.Goal);
                WriteCounts(json, summary.Counts);
                json.WriteString("best", metric.Format(store.BestTrial(sweep.Name) is { } best ? metric.ValueOf(best) : null));
                json.WriteString("lastActivity", activity.GetValueOrDefault(sweep.Name, summary.UpdatedAt));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    /// <summary>Trials by state, and progress: done (an outcome stored, not to be run again without asking) of total.</summary>
    public static void WriteCounts(Utf8JsonWriter json, StatusCounts counts)
    {
        json.WriteStartObject("counts");
        foreach (var status in TrialStatuses.All) json.WriteNumber(status.Name(), counts[status]);
        json.WriteEndObject();
        json.WriteNumber("done", TrialStatuses.All.Where(status => status.IsFinal()).Sum(status => counts[status]));
        json.WriteNumber("total", counts.Total);
    }
}
