using System.Text.Json;

namespace Sweep.Cli.Tests.Commands;

/// <summary>`sweep status --format`: csv and json that a real parser reads back, with the counts of the results file.</summary>
public class StatusCommandTests
{
    // A comma and a quote in a name: the CSV must quote it, the JSON must escape it.
    private const string OddName = "lr, \"quoted\"";

    [Fact]
    public void Json_IsOneArrayOfSweeps_WithTheirCounts()
    {
        using var folder = Results();

        var result = SweepProcess.RunIn(folder.Path, "status", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var sweeps = JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray()
            .ToDictionary(sweep => sweep.GetProperty("sweep").GetString()!);
        Assert.Equal([OddName, "single"], sweeps.Keys.Order());
        Assert.Equal(3, sweeps[OddName].GetProperty("trials").GetInt32());
        Assert.Equal(3, sweeps[OddName].GetProperty("pending").GetInt32());
        Assert.Equal(0, sweeps[OddName].GetProperty("completed").GetInt32());
        Assert.Equal("val_acc", sweeps["single"].GetProperty("metric").GetString());
        Assert.Equal("maximize", sweeps["single"].GetProperty("goal").GetString());
        Assert.Equal(1, sweeps["single"].GetProperty("trials").GetInt32());
    }

    [Fact]
    public void Csv_HasAHeaderAndOneRowPerSweep_QuotingWhatNeedsIt()
    {
        using var folder = Results();

        var result = SweepProcess.RunIn(folder.Path, "status", "--format", "csv");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = CsvReader.Read(result.Stdout).ToArray();
        var header = rows[0];
        Assert.Equal(["sweep", "metric", "goal", "trials", "completed", "pruned", "diverged", "failed", "interrupted", "running", "pending"], header);
        var byName = rows[1..].ToDictionary(row => row[0]);
        Assert.Equal([OddName, "single"], byName.Keys.Order());
        Assert.All(byName.Values, row => Assert.Equal(header.Length, row.Length));
        Assert.Equal("3", byName[OddName][Array.IndexOf(header, "trials")]);
        Assert.Equal("1", byName["single"][Array.IndexOf(header, "pending")]);
    }

    [Fact]
    public void UnknownFormat_ExitsTwo_NamingTheFormats()
    {
        using var folder = Results();

        var result = SweepProcess.RunIn(folder.Path, "status", "--format", "yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("sweep: --format: 'yaml' is not a status format (expected table, csv, json)", Assert.Single(result.StderrLines));
    }

    private static TempFolder Results()
    {
        var folder = new TempFolder();
        StoredSweeps.Add(folder.ResultsPath, OddName, 0.1, 0.2, 0.3);
        StoredSweeps.Add(folder.ResultsPath, "single", 0.1);
        return folder;
    }
}
