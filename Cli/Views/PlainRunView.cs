using System.Globalization;
using Sweep.Results.Reports;
using Sweep.Trials;
using Sweep.Coordinator.Running;

namespace Sweep.Cli.Views;

/// <summary>
/// Progress for logs and pipes (on stderr, so stdout keeps only the report): a line when a trial starts, finishes an
/// epoch or ends (with its metric and time, or its error), and a summary when the counts change; see <see cref="ProgressTracker"/>.
/// On a shared queue also who holds each running trial, and a worker whose heartbeat is late; see <see cref="HolderWatch"/>.
/// </summary>
public sealed class PlainRunView(TextWriter output, Metric metric, EpochProgressBoard? board = null) : IRunView
{
    private readonly ProgressTracker _tracker = new(metric, board);
    private readonly HolderWatch _holders = new();
    private int _done = -1;
    private int _failed = -1;

    public void Update(ProgressSnapshot snapshot)
    {
        var clock = Clock(snapshot.Elapsed);
        foreach (var line in _tracker.Advance(snapshot).Concat(_holders.Advance(snapshot))) output.WriteLine($"[{clock}] {line}");
        if (snapshot.Done != _done || snapshot.Failed != _failed)
        {
            output.WriteLine($"[{clock}] {Summary(snapshot, _tracker.EpochsTrained)}");
            (_done, _failed) = (snapshot.Done, snapshot.Failed);
        }
        output.Flush();
    }

    public void Finish(ProgressSnapshot snapshot)
    {
        foreach (var line in _tracker.Advance(snapshot)) output.WriteLine($"[{Clock(snapshot.Elapsed)}] {line}");
        output.WriteLine($"[{Clock(snapshot.Elapsed)}] finished: {Summary(snapshot, _tracker.EpochsTrained)}");
        output.Flush();
    }

    public void Notice(string message)
    {
        output.WriteLine(message);
        output.Flush();
    }

    internal static string Summary(ProgressSnapshot snapshot, int epochsTrained)
    {
        var eta = snapshot.EtaFrom(epochsTrained) is { } value ? $"  eta {Clock(value)}" : "";
        var best = snapshot.Best is null ? "" : $"  best {snapshot.Best}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{snapshot.Sweep}: {snapshot.Done}/{snapshot.Total} done, {snapshot.Failed} failed, {snapshot.Running.Count} running{eta}{best}");
    }

    internal static string Clock(TimeSpan time) => time.TotalHours >= 1
        ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : time.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
