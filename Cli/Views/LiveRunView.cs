using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Sweep.Results.Reports;
using Sweep.Trials;
using Sweep.Coordinator.Running;

namespace Sweep.Cli.Views;

/// <summary>
/// Progress on an interactive terminal: a table redrawn in place with the counts, the running trials with their
/// epoch and validation accuracy (on a shared queue also who holds each and how long since its last heartbeat), the
/// best trial so far, the elapsed time and the ETA. The summary is a line of its own above the table (as a table title
/// it wrapped to the table's width), and a notice such as Ctrl-C's is drawn below the table by the view itself:
/// written by anyone else, it would land inside the redrawn region and break the border.
/// </summary>
public sealed class LiveRunView : IRunView, IDisposable
{
    private readonly IAnsiConsole _console;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _finished = new();
    private readonly object _gate = new();
    private readonly ProgressTracker _tracker;
    private ProgressSnapshot? _latest;
    private string? _notice;

    private readonly EpochProgressBoard? _board;

    public LiveRunView(IAnsiConsole console, Metric metric, EpochProgressBoard? board = null)
    {
        _console = console;
        _board = board;
        _tracker = new ProgressTracker(metric, board);
        // Spectre's Live display blocks its caller while it refreshes, so it runs on its own thread.
        _thread = new Thread(Render) { IsBackground = true, Name = "sweep-live-view" };
        _thread.Start();
    }

    public void Update(ProgressSnapshot snapshot)
    {
        lock (_gate)
        {
            _tracker.Advance(snapshot); // only for its epoch count (the ETA): the table shows the trials
            _latest = snapshot;
        }
    }

    public void Notice(string message)
    {
        lock (_gate) _notice = message;
    }

    public void Finish(ProgressSnapshot snapshot)
    {
        Update(snapshot);
        _finished.Set();
        _thread.Join();
    }

    public void Dispose()
    {
        _finished.Set();
        _finished.Dispose();
    }

    private void Render()
    {
        _console.Live(new Text("starting…")).AutoClear(false).Start(context =>
        {
            while (!_finished.Wait(TimeSpan.FromMilliseconds(250)))
            {
                context.UpdateTarget(Build());
                context.Refresh();
            }
            context.UpdateTarget(Build());
            context.Refresh();
        });
    }

    /// <summary>" 45%" into the next epoch when this process trains the trial, else nothing.</summary>
    private string Within(RunningTrial trial) =>
        _board?.Within(trial.Hash, trial.Epoch) is { } progress ? string.Create(CultureInfo.InvariantCulture, $" {progress.Fraction * 100:F0}%") : "";

    /// <summary>"host:1234 (12 s ago)", or nothing for a trial this process's own store holds.</summary>
    private static string Holder(RunningTrial trial) =>
        trial is { Holder: { } holder, SinceHeartbeat: { } since } ? $"{holder} ({HolderWatch.Seconds(since)} ago)" : "";

    private IRenderable Build()
    {
        ProgressSnapshot? snapshot;
        string? notice;
        int epochs;
        lock (_gate) (snapshot, notice, epochs) = (_latest, _notice, _tracker.EpochsTrained);
        if (snapshot is null) return new Text("starting…");
        // Remote trials (a shared queue) add who holds each and how long since its last heartbeat.
        var held = snapshot.Running.Any(trial => trial.Holder is not null);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("trial", "parameters", "epoch", "val_acc");
        if (held) table.AddColumn("held by (last heartbeat)");
        foreach (var trial in snapshot.Running)
        {
            var cells = new List<IRenderable>
            {
                new Text(TrialHashText.Short(trial.Hash)), new Text(trial.Parameters),
                new Text(string.Create(CultureInfo.InvariantCulture, $"{trial.Epoch}/{trial.Epochs}{Within(trial)}")),
                new Text(trial.Epoch == 0 ? "" : Metric.ValAcc.Format(trial.ValAcc)),
            };
            if (held) cells.Add(new Text(Holder(trial)));
            table.AddRow(cells);
        }
        if (snapshot.Running.Count == 0) table.AddRow("", "[grey]no trial running[/]", "", "");
        var summary = new Text(PlainRunView.Summary(snapshot, epochs) + $"  elapsed {PlainRunView.Clock(snapshot.Elapsed)}");
        return notice is null ? new Rows(summary, table) : new Rows(summary, table, new Text(notice));
    }
}
