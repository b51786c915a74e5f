using System.Diagnostics;

namespace Sweep.Cli.Tests.Running;

/// <summary>
/// The live view as a person sees it: `sweep run` in a real terminal (a tmux pane, 80 columns), read back from the
/// screen. The summary line stays one line whatever the table's width, and Ctrl-C's message is printed below the
/// table instead of over its border.
/// </summary>
public sealed class LiveViewTests : IDisposable
{
    /// <summary>A guard against a hang only (the first call may build ./sweep).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    private const string Name = "a-sweep-name-longer-than-the-trial-table-is-wide";

    private readonly TempFolder folder = new();
    private readonly string socket = $"sweep-test-{Guid.NewGuid():N}";

    public void Dispose()
    {
        Tmux("kill-server");
        folder.Dispose();
    }

    [Fact]
    public void SummaryStaysOneLine_AndCtrlCsMessageIsPrintedBelowTheTable_NotOverItsBorder()
    {
        var file = folder.Write("live.yaml", $$"""
            name: {{Name}}
            parameters:
              lr: {values: [0.05, 0.1]}
              hidden: {value: [500]}
              epochs: {value: 30}
            """);
        var command = $"cd '{folder.Path}' && SWEEP_DATA_DIR='{MnistData.Root}' '{Path.Combine(Repository.Root, "sweep")}' " +
            $"run '{file}' --workers 1; echo EXIT=$?; sleep 600";
        Tmux("new-session", "-d", "-s", "live", "-x", "80", "-y", "40", command);

        var running = WaitForScreen(screen => screen.Any(line => line.StartsWith('│') && line.Contains("/30")), "a running trial's row");
        Assert.Contains(running, line => line.StartsWith($"{Name}: 0/2 done, 0 failed, 1 running", StringComparison.Ordinal));
        Tmux("send-keys", "-t", "live", "C-c");
        var ended = WaitForScreen(screen => screen.Any(line => line.StartsWith("EXIT=", StringComparison.Ordinal)), "the end of the run");

        Assert.Contains("EXIT=130", ended);
        Assert.Contains(ended, line => line.StartsWith("sweep: interrupted — stopping running trials", StringComparison.Ordinal));
        var bottomBorders = ended.Where(line => line.StartsWith('╰')).ToList();
        Assert.NotEmpty(bottomBorders);
        Assert.All(bottomBorders, line => Assert.Matches("^╰[─┴]+╯$", line));
    }

    /// <summary>The pane's lines (with scrollback, trailing blanks trimmed) once <paramref name="ready"/> holds.</summary>
    private List<string> WaitForScreen(Func<List<string>, bool> ready, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var screen = Tmux("capture-pane", "-t", "live", "-p", "-S", "-200").Split('\n').Select(line => line.TrimEnd()).ToList();
            if (ready(screen)) return screen;
            if (clock.Elapsed > Patience)
                throw new TimeoutException($"no {what} on the screen within {Patience}:\n{string.Join('\n', screen)}");
            Thread.Sleep(250);
        }
    }

    private string Tmux(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(socket);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start tmux (.ci/run installs it)");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
