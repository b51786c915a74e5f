using System.Diagnostics;

namespace Sweep.Testing;

/// <summary>
/// Runs the real command line, `./sweep ARGS` at the repository root (which builds Release first when sources
/// changed), and captures its exit code and output. The first call may wait for that build.
/// </summary>
public static class SweepProcess
{
    /// <summary>Generous: the first call builds the executable on a machine shared with other builds.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static SweepResult Run(params string[] arguments) => RunIn(Repository.Root, arguments);

    /// <summary>Runs ./sweep from another working folder (where results.db lands by default).</summary>
    public static SweepResult RunIn(string workingDirectory, params string[] arguments) => Run(StartInfo(workingDirectory, arguments));

    /// <summary>Runs ./sweep with variables set (or, with null, removed) on top of <see cref="StartInfo"/>'s environment.</summary>
    public static SweepResult RunWithEnvironment(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = StartInfo(workingDirectory, arguments);
        foreach (var (name, value) in environment)
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        return Run(start);
    }

    /// <summary>Runs a start from <see cref="StartInfo"/> that the test changed (its environment, say).</summary>
    public static SweepResult Run(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start ./sweep");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./sweep {string.Join(' ', start.ArgumentList)} did not finish within {Timeout}");
        }
        return new SweepResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// ./sweep with redirected output and SWEEP_DATA_DIR pointing at the real MNIST beside the repository unless set.
    /// The script execs the executable, so the process's id is the coordinator's, ready for a test's signals.
    /// </summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "sweep"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["SWEEP_DATA_DIR"] = MnistData.Root;
        return start;
    }
}
