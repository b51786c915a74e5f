using System.Diagnostics;
using Dapper;
using Sweep.Results.Synthetic;
using Sweep.Trials;
using Xunit.Abstractions;

namespace Sweep.Results.Tests;

/// <summary>The generated big sweep is what the UI tests and benchmarks rely on: its counts, statuses and shape.</summary>
public class BigResultsFileTests(ITestOutputHelper output)
{
    [Fact]
    public void Write_ByDefault_Is10000Trials_AndAbout100000EpochRows()
    {
        using var file = new TempResultsFile();
        var clock = Stopwatch.StartNew();
        var counts = BigResultsFile.Write(file.Path);
        output.WriteLine($"{counts} written in {clock.ElapsedMilliseconds} ms, {new FileInfo(file.Path).Length / 1e6:0.0} MB");

        using var store = file.Open();
        Assert.Equal(10_000, Assert.Single(store.ListSweeps()).Counts.Total);
        Assert.Equal(10_000, counts.Trials);
        // Pruned and failed trials stop early; the 90 % that complete record all 10 epochs.
        Assert.InRange(counts.EpochRows, 90_000, 100_000);
    }

    [Fact]
    public void Write_StoresEveryTrial_WithItsEpochsAndDecisions_AsItsCountsSay()
    {
        using var file = new TempResultsFile();
        var counts = BigResultsFile.Write(file.Path, trials: 1_000, epochs: 10);

        using var store = file.Open();
        var rows = store.TrialRows(BigResultsFile.SweepName);
        Assert.Equal(1_000, rows.Count);
        Assert.Equal(1_000, rows.Select(row => row.Hash).Distinct().Count());
        Assert.Equal(counts.Trials, counts.Completed + counts.Pruned + counts.Failed);
        Assert.Equal(counts.Completed, rows.Count(row => row.Status == TrialStatus.Completed));
        Assert.Equal(counts.Pruned, rows.Count(row => row.Status == TrialStatus.Pruned));
        Assert.Equal(counts.Failed, rows.Count(row => row.Status == TrialStatus.Failed));
        Assert.InRange(counts.Completed, 850, 950); // about 90 % from the fixed seed
        Assert.True(counts.Pruned > 0 && counts.Failed > 0, $"{counts}");

        using var connection = file.Connect();
        Assert.Equal(counts.EpochRows, connection.ExecuteScalar<int>("SELECT count(*) FROM epochs"));
        Assert.Equal(counts.Decisions, connection.ExecuteScalar<int>("SELECT count(*) FROM decisions"));
        // A completed trial has every epoch and a continue at rungs 1, 3 and 9; a pruned one stops at its prune decision.
        Assert.Equal(0, connection.ExecuteScalar<int>("""
            SELECT count(*) FROM trials t WHERE status = 'completed'
              AND ((SELECT count(*) FROM epochs e WHERE e.trial_hash = t.hash) <> 10
                OR (SELECT group_concat(rung || decision) FROM decisions d WHERE d.trial_hash = t.hash) <> '1continue,3continue,9continue')
            """));
        Assert.Equal(0, connection.ExecuteScalar<int>("""
            SELECT count(*) FROM trials t WHERE status = 'pruned'
              AND (epochs_done <> (SELECT max(epoch) FROM epochs e WHERE e.trial_hash = t.hash)
                OR (SELECT decision FROM decisions d WHERE d.trial_hash = t.hash AND d.rung = t.epochs_done) <> 'prune'
                OR error NOT LIKE 'pruned at epoch %')
            """));
    }

    [Fact]
    public void Write_GivesFailedTrialsAnErrorWithMarkup_AndVariesEveryGridAxis()
    {
        using var file = new TempResultsFile();
        BigResultsFile.Write(file.Path, trials: 800, epochs: 4);

        using var store = file.Open();
        var rows = store.TrialRows(BigResultsFile.SweepName);
        Assert.All(rows.Where(row => row.Status == TrialStatus.Failed), row => Assert.Contains(BigResultsFile.ScriptInError, row.Error));
        Assert.Equal(10, rows.Select(row => row.Config.LearningRate).Distinct().Count());
        Assert.Equal(10, rows.Select(row => row.Config.Lambda).Distinct().Count());
        Assert.Equal(4, rows.Select(row => string.Join(',', row.Config.Hidden)).Distinct().Count());
        Assert.Equal([1UL, 2UL], rows.Select(row => row.Config.Seed).Distinct().Order());
        Assert.All(rows, row => Assert.Equal(4, row.Config.Epochs));
        var summary = Assert.Single(store.ListSweeps());
        Assert.Equal(BigResultsFile.SweepName, summary.Name);
        Assert.Equal(rows.Count, summary.Counts.Total);
    }
}
