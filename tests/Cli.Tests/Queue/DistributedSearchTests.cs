using Microsoft.Data.Sqlite;
using Sweep.Results;
using Sweep.Trials;
using static Sweep.Cli.Tests.Queue.QueueProcesses;

namespace Sweep.Cli.Tests.Queue;

/// <summary>
/// Issue 10 on a real PostgreSQL queue: a `method: bayes` sweep with hyperband early termination, proposed by a coordinator
/// (`sweep run --queue --no-local-workers`) and trained by two `sweep worker` processes that judge each rung from the
/// values the other worker shares through the queue. Real MNIST, a real results file read back with plain SQL.
/// </summary>
public sealed class DistributedSearchTests
{
    private const int RunCap = 8;
    private const int Epochs = 3;

    /// <summary>Hyperband with eta 2 judges at epochs 1 and 2 of 3, keeping the better half: a wide lr range makes losers.</summary>
    private const string Search = """
        name: remote-search
        method: bayes
        run_cap: 8
        early_terminate: {type: hyperband, min_iter: 1, eta: 2}
        parameters:
          lr:     {min: 0.001, max: 2.0, scale: log}
          hidden: {values: [[], [30]]}
          epochs: {value: 3}
        """;

    [Fact]
    public void TwoWorkerProcesses_TrainRunCapProposals_PruneAtTheRungsWithRecordedDecisions_AndARerunTrainsNothing()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var file = folder.Write("remote-search.yaml", Search);
        using var first = Worker(folder, database);
        using var second = Worker(folder, database);

        var run = SweepProcess.RunIn(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers");
        var rerun = SweepProcess.RunIn(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers");

        Assert.True(run.ExitCode == 0, run.ToString());
        IReadOnlyList<TrialRow> rows;
        using (var store = ResultsStore.Open(folder.ResultsPath))
        {
            rows = store.TrialRows("remote-search");
            Assert.Equal(RunCap, rows.Count);
            Assert.Equal(RunCap, rows.Select(row => row.Hash).Distinct().Count());
            var workerNames = new[] { first.Pid, second.Pid }.Select(pid => $":{pid}").ToArray();
            Assert.All(rows, row => Assert.Contains(workerNames, name => row.Worker!.EndsWith(name, StringComparison.Ordinal)));
            Assert.All(rows, row => Assert.Equal(1, row.Attempt));
            Assert.All(rows, row => Assert.True(row.Status is TrialStatus.Completed or TrialStatus.Pruned, row.Status.Name()));
            Assert.Contains(rows, row => row.Status == TrialStatus.Pruned);
            Assert.All(rows, row => Assert.Equal(row.EpochsDone, store.Epochs(row.Hash).Count));

            // Every trial was judged at each rung it reached (1 and 2), with the value its own epoch stored; a pruned
            // trial stopped at its first "prune", before the last epoch, below the threshold of at least two trials.
            var decisions = Decisions(folder);
            foreach (var row in rows)
            {
                var mine = decisions.Where(decision => decision.Hash == row.Hash).OrderBy(decision => decision.Rung).ToList();
                var epochs = store.Epochs(row.Hash);
                Assert.Equal(Enumerable.Range(1, Math.Min(row.EpochsDone!.Value, Epochs - 1)), mine.Select(decision => decision.Rung));
                Assert.All(mine, decision => Assert.Equal(epochs[decision.Rung - 1].ValAcc, decision.Value));
                Assert.All(mine, decision => Assert.InRange(decision.Compared, 1, RunCap));
                Assert.All(mine.SkipLast(1), decision => Assert.Equal("continue", decision.Verdict));
                if (row.Status == TrialStatus.Pruned)
                {
                    var last = mine[^1];
                    Assert.True(row.EpochsDone < Epochs, $"pruned after {row.EpochsDone} epochs");
                    Assert.Equal(("prune", row.EpochsDone!.Value), (last.Verdict, last.Rung));
                    Assert.True(last.Value < last.Threshold, $"pruned at {last.Value}, threshold {last.Threshold}");
                    Assert.InRange(last.Compared, 2, RunCap);
                }
                else
                {
                    Assert.Equal(Epochs, row.EpochsDone);
                    Assert.All(mine, decision => Assert.Equal("continue", decision.Verdict));
                }
            }
        }

        // Proposal order, and how many results each proposal saw: as results arrived, never fewer than an earlier one.
        var proposals = Proposals(folder);
        Assert.Equal(rows.Select(row => row.Hash), proposals.Select(proposal => proposal.Hash));
        Assert.Equal(Enumerable.Range(0, RunCap), proposals.Select(proposal => proposal.Position));
        var seen = proposals.Select(proposal => proposal.ResultsSeen ?? -1).ToList();
        Assert.All(seen, count => Assert.InRange(count, 0, RunCap - 1));
        Assert.Equal(seen.Order(), seen);
        Assert.True(seen[^1] > 0, "no proposal saw a result");

        Assert.Equal(0L, QueueRows(database, "checkpoint"));
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.DoesNotContain("started", rerun.Stderr);
        Assert.Equal(run.Stdout, rerun.Stdout);
    }

    private sealed record Decision(string Hash, int Rung, double Value, double Threshold, int Compared, string Verdict);

    private sealed record Proposal(string Hash, int Position, int? ResultsSeen);

    private static List<Decision> Decisions(TempFolder folder) => Query(folder,
        "SELECT trial_hash, rung, value, threshold, compared, decision FROM decisions WHERE sweep = 'remote-search'",
        reader => new Decision(reader.GetString(0), reader.GetInt32(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetInt32(4), reader.GetString(5)));

    private static List<Proposal> Proposals(TempFolder folder) => Query(folder,
        "SELECT trial_hash, position, results_seen FROM sweep_trials WHERE sweep = 'remote-search' ORDER BY position",
        reader => new Proposal(reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetInt32(2)));

    private static List<T> Query<T>(TempFolder folder, string sql, Func<SqliteDataReader, T> read)
    {
        using var connection = new SqliteConnection($"Data Source={folder.ResultsPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
