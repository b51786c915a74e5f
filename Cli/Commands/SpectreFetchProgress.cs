using Spectre.Console;
using Sweep.Engine.Data;

namespace Sweep.Cli.Commands;

/// <summary>
/// Fetch progress as one Spectre.Console progress bar per file, for an interactive terminal. Bars show only the
/// file name (a source URL would wrap the line); the result line names the source that delivered.
/// </summary>
public sealed class SpectreFetchProgress(ProgressContext context) : IProgress<FetchProgress>
{
    private readonly Dictionary<string, ProgressTask> _tasks = new();
    private readonly Lock _lock = new();

    public void Report(FetchProgress value)
    {
        lock (_lock)
        {
            if (!_tasks.TryGetValue(value.FileName, out var task))
                _tasks[value.FileName] = task = context.AddTask(Markup.Escape(value.FileName), autoStart: true);
            if (value.BytesTotal is { } total)
            {
                task.IsIndeterminate = false;
                task.MaxValue = Math.Max(total, 1);
                task.Value = value.BytesDone;
            }
            else
            {
                // A new source for this file (or one that gives no length): restart the bar.
                task.IsIndeterminate = true;
                task.Value = 0;
            }
        }
    }
}
