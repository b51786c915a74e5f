using Hangfire.Logging;
using Sweep.Trials;

namespace Sweep.Cli.Output;

/// <summary>
/// Hangfire's warnings and errors (a lost connection, a fetch that failed and will be retried) as one line each on a
/// writer, for `sweep worker`: without a log provider Hangfire says nothing, and a worker whose queue went away looked
/// idle. The same line again in a row is not repeated, since Hangfire retries a failing loop many times.
/// </summary>
public sealed class QueueProblemLog(TextWriter output, string prefix) : ILogProvider
{
    private readonly object _gate = new();
    private string? _last;

    public ILog GetLogger(string name) => new Logger(this);

    private void Write(string message, Exception? error)
    {
        var line = $"{prefix}: queue problem: {ErrorText.FirstLine(message)}" + (error is null ? "" : $" ({ErrorText.FirstLine(error.Message)})");
        lock (_gate)
        {
            if (line == _last) return;
            _last = line;
            output.WriteLine(line);
        }
    }

    private sealed class Logger(QueueProblemLog log) : ILog
    {
        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (logLevel < LogLevel.Warn) return false;
            // Hangfire asks with a null message whether a level is enabled.
            if (messageFunc is not null) log.Write(messageFunc(), exception);
            return true;
        }
    }
}
