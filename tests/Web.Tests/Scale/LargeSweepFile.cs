using Dapper;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Web.Tests.Scale;

/// <summary>
/// A results file with one random sweep of <paramref name="trialCount"/> trials and <paramref name="epochsPerTrial"/>
/// epochs each (10,000 and 10 make the 100,000 epoch rows), generated fast: the sweep and its trials through
/// ResultsStore.SyncSweep, outcomes and epochs in one SQLite transaction of plain inserts.
/// </summary>
public sealed class LargeSweepFile : IDisposable
{
    public const string SweepName = "big-random";

    private const string Definition = """
        {"name":"big-random","method":"random","metric":{"name":"val_acc","goal":"maximize"},
         "parameters":{"lr":{"min":0.001,"max":1,"scale":"log"},"lambda":{"min":0.00001,"max":0.01,"scale":"log"},"seed":{"values":[1,2]}}}
        """;

    private readonly TempResultsFile file = new();

    public LargeSweepFile(int trialCount = 10_000, int epochsPerTrial = 10)
    {
        var random = new Random(7);
        var trials = Enumerable.Range(0, trialCount)
            .Select(_ => Fixtures.Planned(Fixtures.Config(lr: Math.Exp(Math.Log(0.001) + random.NextDouble() * Math.Log(1000)),
                lambda: Math.Exp(Math.Log(0.00001) + random.NextDouble() * Math.Log(1000)), seed: (ulong)random.Next(1, 3))))
            .ToList();
        using (var store = file.Open())
            store.SyncSweep(new SweepRecord(SweepName, null, "random", "val_acc", "maximize", Definition), trials);
        using var connection = file.Connect();
        using var transaction = connection.BeginTransaction();
        var outcomes = trials.Select((trial, index) => new
        {
            trial.Hash,
            ValAcc = 0.85 + 0.1 * random.NextDouble(),
            Pruned = index % 3 == 0,
            Finished = $"2026-01-01T{index / 3600 % 24:00}:{index / 60 % 60:00}:{index % 60:00}.000Z",
        }).ToList();
        connection.Execute("""
            UPDATE trials SET status = CASE WHEN @Pruned THEN 'pruned' ELSE 'completed' END, attempt = 1, worker = 'gen:1', code = 'abcdef012345',
                started_at = @Finished, finished_at = @Finished, seconds = 12.5, epochs_done = @Epochs,
                train_loss = 0.2, val_loss = 0.3, val_acc = @ValAcc, test_loss = 0.31, test_acc = @ValAcc
            WHERE hash = @Hash
            """, outcomes.Select(outcome => new { outcome.Hash, outcome.Pruned, outcome.Finished, outcome.ValAcc, Epochs = epochsPerTrial }), transaction);
        connection.Execute("INSERT INTO epochs (trial_hash, epoch, train_loss, val_loss, val_acc, seconds) VALUES (@Hash, @Epoch, @TrainLoss, @ValLoss, @ValAcc, 1.25)",
            outcomes.SelectMany(outcome => Enumerable.Range(1, epochsPerTrial).Select(epoch => new
            {
                outcome.Hash,
                Epoch = epoch,
                TrainLoss = 2.3 / epoch + 0.01 * random.NextDouble(),
                ValLoss = 2.2 / epoch + 0.01 * random.NextDouble(),
                ValAcc = outcome.ValAcc - 0.3 / epoch,
            })), transaction);
        transaction.Commit();
        Hashes = trials.Select(trial => trial.Hash).ToList();
    }

    public string Path => file.Path;

    public IReadOnlyList<string> Hashes { get; }

    public void Dispose() => file.Dispose();
}
