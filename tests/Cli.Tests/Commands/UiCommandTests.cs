using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sweep.Cli.Tests.Commands;

/// <summary>`sweep ui` as a user runs it: the one line it prints, what it serves, how it ends, and its bad input.</summary>
public sealed partial class UiCommandTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromMinutes(10); // the first ./sweep may build

    [Fact]
    public async Task Ui_PrintsOneLineWithTheRealPort_ServesTheFile_AndSigtermEndsItWithExitZero()
    {
        using var folder = new TempFolder();
        StoredSweeps.Add(folder.ResultsPath, "served", 0.1, 0.5);
        using var ui = new RunningSweep(folder.Path, "ui", "--port", "0", "--results", folder.ResultsPath);

        var address = WaitForAddress(ui);
        using var client = new HttpClient();
        var sweeps = JsonDocument.Parse(await client.GetStringAsync(new Uri(address, "/api/sweeps"))).RootElement;
        ui.Terminate();

        Assert.Equal(0, ui.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal($"sweep ui: {address}\n", ui.Stdout.ReplaceLineEndings("\n").TrimEnd('\n') + "\n");
        Assert.Equal("served", sweeps[0].GetProperty("name").GetString());
        Assert.Equal(2, sweeps[0].GetProperty("counts").GetProperty("pending").GetInt32());
    }

    [Fact]
    public async Task Ui_ServesARunningSweepLive_ItsTrialsAndEpochsAppearAsTheyAreTrained()
    {
        using var folder = new TempFolder();
        var sweepFile = folder.Write("live.yaml", """
            name: live
            dataset: mnist
            method: grid
            metric: {name: val_acc, goal: maximize}
            parameters:
              lr:      {values: [0.1, 0.5]}
              hidden:  {value: []}
              epochs:  {value: 10}
            """);
        // Ten epochs: softmax regression's take ~40 ms each, and the states between the first and the last must last
        // longer than a few of the polls below on a loaded machine.
        StoredSweeps.Add(folder.ResultsPath, "placeholder", 0.1); // the file must exist before `sweep ui` opens it
        using var ui = new RunningSweep(folder.Path, "ui", "--port", "0", "--results", folder.ResultsPath);
        var address = WaitForAddress(ui);
        using var run = new RunningSweep(folder.Path, "run", sweepFile, "--workers", "1", "--results", folder.ResultsPath);
        using var client = new HttpClient();

        // Polls as the page does; records each distinct (done, epochs stored) state it sees until the run ends.
        var seen = new List<(int Done, int Epochs)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            var response = await client.GetAsync(new Uri(address, "/api/sweeps/live"));
            if (response.IsSuccessStatusCode)
            {
                var sweep = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                var state = (sweep.GetProperty("done").GetInt32(),
                    sweep.GetProperty("curves").GetProperty("val_acc").EnumerateArray().Sum(curve => curve.GetArrayLength()));
                if (seen.Count == 0 || seen[^1] != state) seen.Add(state);
                if (state.Item1 == 2) break;
            }
            await Task.Delay(100);
        }
        Assert.Equal(0, run.WaitForExit(TimeSpan.FromMinutes(2)));
        ui.Interrupt();
        Assert.Equal(0, ui.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal((2, 20), seen[^1]);
        // Served while the run wrote: some state between nothing and the end (an epoch stored, or one trial done).
        Assert.Contains(seen, state => state.Epochs is > 0 and < 20 || state.Done == 1);
    }

    [Fact]
    public void Ui_OnANonLoopbackHost_WarnsOnStderr()
    {
        using var folder = new TempFolder();
        StoredSweeps.Add(folder.ResultsPath, "exposed", 0.1);
        using var ui = new RunningSweep(folder.Path, "ui", "--host", "0.0.0.0", "--port", "0", "--results", folder.ResultsPath);

        ui.WaitForOutput("sweep ui: http://0.0.0.0:", Startup);
        ui.Interrupt();

        Assert.Equal(0, ui.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Contains("sweep ui: warning: listening on 0.0.0.0, not loopback", ui.Stderr);
    }

    [Fact]
    public void Ui_WithoutAResultsFile_IsBadInput_NamingThePath()
    {
        using var folder = new TempFolder();

        var result = SweepProcess.RunIn(folder.Path, "ui", "--port", "0");

        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.StderrLines);
        Assert.Contains(Path.Combine(folder.Path, "results.db"), error);
        Assert.False(File.Exists(folder.ResultsPath));
    }

    [Fact]
    public void Ui_OnAFileThatIsNotAResultsFile_IsBadInput()
    {
        using var folder = new TempFolder();
        var notes = folder.Write("notes.txt", "just text\n");

        var result = SweepProcess.RunIn(folder.Path, "ui", "--port", "0", "--results", notes);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("notes.txt", Assert.Single(result.StderrLines));
        Assert.Equal("just text\n", File.ReadAllText(notes));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("65536")]
    [InlineData("http")]
    public void Ui_ABadPort_IsBadInput(string port)
    {
        using var folder = new TempFolder();

        var result = SweepProcess.RunIn(folder.Path, "ui", "--port", port);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--port", Assert.Single(result.StderrLines));
    }

    [Fact]
    public void ReportHtml_WritesOneSelfContainedPage_AndNothingOnStdout()
    {
        using var folder = new TempFolder();
        StoredSweeps.Add(folder.ResultsPath, "paged", 0.1, 0.5);
        var page = Path.Combine(folder.Path, "report.html");

        var result = SweepProcess.RunIn(folder.Path, "report", "paged", "--html", page);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Contains(page, result.Stderr);
        var html = File.ReadAllText(page);
        Assert.Contains("<script type=\"application/json\" id=\"page-data\">", html);
        Assert.DoesNotMatch(Loaded(), html);
        Assert.False(File.Exists(page + ".tmp"));
    }

    [Theory]
    [InlineData("--format", "json")]
    [InlineData("--top", "3")]
    [InlineData("--by", "val_loss")]
    [InlineData("--goal", "minimize")]
    public void ReportHtml_WithATextOption_IsBadInput(string option, string value)
    {
        using var folder = new TempFolder();
        StoredSweeps.Add(folder.ResultsPath, "paged", 0.1);
        var page = Path.Combine(folder.Path, "report.html");

        var result = SweepProcess.RunIn(folder.Path, "report", "paged", "--html", page, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--html cannot be combined with {option}", Assert.Single(result.StderrLines));
        Assert.False(File.Exists(page));
    }

    [Fact]
    public void ReportHtml_IntoAFolderThatDoesNotExist_IsBadInput()
    {
        using var folder = new TempFolder();
        StoredSweeps.Add(folder.ResultsPath, "paged", 0.1);

        var result = SweepProcess.RunIn(folder.Path, "report", "paged", "--html", Path.Combine(folder.Path, "missing", "report.html"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--html", Assert.Single(result.StderrLines));
    }

    private static Uri WaitForAddress(RunningSweep ui)
    {
        ui.WaitForOutput("/\n", Startup);
        var match = AddressLine().Match(ui.Stdout);
        Assert.True(match.Success, ui.Stdout);
        return new Uri(match.Groups[1].Value);
    }

    [GeneratedRegex(@"^sweep ui: (http://127\.0\.0\.1:\d+/)$", RegexOptions.Multiline)]
    private static partial Regex AddressLine();

    /// <summary>Anything the page would load from a server.</summary>
    [GeneratedRegex("""(src|href)\s*=\s*["']?(https?:|//|/)""", RegexOptions.IgnoreCase)]
    private static partial Regex Loaded();
}
