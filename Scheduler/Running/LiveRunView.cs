using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Sweep.Scheduler.Running;

/// <summary>
/// Progress on an interactive terminal: a table redrawn in place with the counts, the running trials with their
/// epoch and validation accuracy, the best trial so far, the elapsed time and the ETA.
/// </summary>
public sealed class LiveRunView : IRunView, IDisposable
{
    private readonly IAnsiConsole _console;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _finished = new();
    private readonly object _gate = new();
    private ProgressSnapshot? _latest;

    public LiveRunView(IAnsiConsole console)
    {
        _console = console;
        // Spectre's Live display blocks its caller while it refreshes, so it runs on its own thread.
        _thread = new Thread(Render) { IsBackground = true, Name = "sweep-live-view" };
        _thread.Start();
    }

    public void Update(ProgressSnapshot snapshot)
    {
        lock (_gate) _latest = snapshot;
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

    private IRenderable Build()
    {
        ProgressSnapshot? snapshot;
        lock (_gate) snapshot = _latest;
        if (snapshot is null) return new Text("starting…");
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape(PlainRunView.Summary(snapshot) + $"  elapsed {PlainRunView.Clock(snapshot.Elapsed)}"))
            .AddColumns("trial", "parameters", "epoch", "val_acc");
        foreach (var trial in snapshot.Running)
        {
            table.AddRow(PlainRunView.Short(trial.Hash), Markup.Escape(trial.Parameters),
                string.Create(CultureInfo.InvariantCulture, $"{trial.Epoch}/{trial.Epochs}"),
                trial.Epoch == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{trial.ValAcc * 100:F2}%"));
        }
        if (snapshot.Running.Count == 0) table.AddRow("", "[grey]no trial running[/]", "", "");
        return table;
    }
}
