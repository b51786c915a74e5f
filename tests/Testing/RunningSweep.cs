using System.Diagnostics;
using System.Text;

namespace Sweep.Testing;

/// <summary>
/// A `./sweep run` started in the background, so a test can wait for a line of its progress and then interrupt it
/// with SIGINT (as Ctrl-C does) or SIGKILL (as a crash or the OOM killer does).
/// </summary>
public sealed class RunningSweep : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();

    public RunningSweep(string workingDirectory, params string[] arguments) : this(SweepProcess.StartInfo(workingDirectory, arguments))
    {
    }

    /// <summary>A start from <see cref="SweepProcess.StartInfo"/> that the test changed (its environment, say).</summary>
    public RunningSweep(ProcessStartInfo start)
    {
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start ./sweep");
        _process.OutputDataReceived += (_, line) => { lock (_gate) _stdout.AppendLine(line.Data); };
        _process.ErrorDataReceived += (_, line) => { lock (_gate) _stderr.AppendLine(line.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Stdout { get { lock (_gate) return _stdout.ToString(); } }
    public string Stderr { get { lock (_gate) return _stderr.ToString(); } }

    /// <summary>Waits until stdout holds <paramref name="text"/>; fails the test if the process ends first or time runs out.</summary>
    public void WaitForOutput(string text, TimeSpan timeout) => WaitFor(() => Stdout, text, timeout);

    public void WaitForError(string text, TimeSpan timeout) => WaitFor(() => Stderr, text, timeout);

    private void WaitFor(Func<string> output, string text, TimeSpan timeout) =>
        WaitUntil(() => output().Contains(text, StringComparison.Ordinal), $"printing '{text}'", timeout);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds (checked every 20 ms); fails the test if the process ends first or
    /// time runs out, saying <paramref name="what"/> it waited for.
    /// </summary>
    public void WaitUntil(Func<bool> condition, string what, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (_process.HasExited) throw new InvalidOperationException($"./sweep exited ({_process.ExitCode}) before {what}\n{Stdout}\n{Stderr}");
            if (clock.Elapsed > timeout) throw new TimeoutException($"not {what} within {timeout}\n{Stdout}\n{Stderr}");
            Thread.Sleep(20);
        }
    }

    /// <summary>SIGINT, as a terminal sends on Ctrl-C. The script execs the executable, so this is the coordinator's pid.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGTERM, as a service manager or `kill` sends.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: no handler runs, nothing is flushed.</summary>
    public void Kill() => _process.Kill();

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./sweep did not exit within {timeout}\n{Stdout}\n{Stderr}");
        }
        _process.WaitForExit(); // drains the asynchronous output readers
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
