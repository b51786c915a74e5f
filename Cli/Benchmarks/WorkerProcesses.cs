using System.Diagnostics;
using System.Globalization;

namespace Sweep.Cli.Benchmarks;

/// <summary>
/// `sweep worker` child processes of this executable, for benchmarks that need real separate workers; with
/// <c>zeroWork</c>, workers that train nothing and take only the benchmark's queue (`--bench-zero-work`).
/// </summary>
public sealed class WorkerProcesses : IDisposable
{
    private readonly List<Process> _processes = [];

    public WorkerProcesses(int count, string queueConnectionString, int threads, string? dataDir, bool zeroWork = false)
    {
        for (var i = 0; i < count; i++)
        {
            var host = Environment.ProcessPath ?? "dotnet";
            var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(WorkerProcesses).Assembly.Location);
            foreach (var argument in new[] { "worker", "--workers", "1", "--threads", threads.ToString(CultureInfo.InvariantCulture) })
                start.ArgumentList.Add(argument);
            if (dataDir is not null) { start.ArgumentList.Add("--data-dir"); start.ArgumentList.Add(dataDir); }
            // A zero-work worker left behind by a killed benchmark ends by itself.
            if (zeroWork) foreach (var argument in new[] { "--bench-zero-work", "--idle-exit", "120" }) start.ArgumentList.Add(argument);
            // Through the environment, not the command line: other users can read a process's arguments.
            start.Environment["SWEEP_QUEUE"] = queueConnectionString;
            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start a sweep worker");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _processes.Add(process);
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
    }
}
