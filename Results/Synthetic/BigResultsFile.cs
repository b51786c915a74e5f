using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Results.Synthetic;

/// <summary>
/// Writes one big finished sweep into a results file, so the web UI and the HTML report can be tested and benchmarked
/// (`sweep bench ui`) at the scale the issue sets (10,000 trials, about 100,000 epoch rows) without training anything.
///
/// The sweep, <see cref="SweepName"/>, is a grid of lr (10 values) × lambda (10) × hidden (4) × seed (as many as the
/// trial count needs: 25 for 10,000) under hyperband (rungs at epochs 1, 3 and 9 of 10). Its trials are stored the way a
/// run leaves them: the sweep and its pending trials through <see cref="ResultsStore.SyncSweep"/>, then in one
/// transaction each trial's outcome, its epochs and its rung decisions. About 90 % complete every epoch, 6 % are pruned at
/// rung 1 or 3 (with the prune decision and the continue decisions before it) and 4 % fail part-way, on their second
/// attempt, with an error holding <see cref="ScriptInError"/>, which a page must show as text. Values follow a smooth
/// surface over lr and lambda plus seed noise from a fixed seed, so the same call writes the same file.
/// Non-goals: training-faithful curves; pending or running trials (a live test gets those from a real run).
/// </summary>
public static class BigResultsFile
{
    public const string SweepName = "big";

    /// <summary>Markup in the failed trials' error: rendered as markup, it would run.</summary>
    public const string ScriptInError = "<script>alert(1)</script>";

    public static readonly IReadOnlyList<double> LearningRates = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 2.0];
    public static readonly IReadOnlyList<double> Lambdas = [0, 1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2];
    public static readonly IReadOnlyList<int[]> Hiddens = [[], [100], [500], [256, 128]];

    private static readonly EarlyTermination Hyperband = new(EarlyTerminationType.Hyperband, MinIter: 1, Eta: 3);

    private const string Metric = "val_acc";

    /// <summary>No real dataset was trained on: the trials name this placeholder, as the tests' fixtures do.</summary>
    public const string DatasetChecksum = "0123abcd";

    private const string StoreOutcome = """
        UPDATE trials SET status = @Status, error = @Error, worker = @Worker, attempt = @Attempt, started_at = @StartedAt,
            finished_at = @FinishedAt, seconds = @Seconds, epochs_done = @EpochsDone, train_loss = @TrainLoss,
            val_loss = @ValLoss, val_acc = @ValAcc, test_loss = @TestLoss, test_acc = @TestAcc, code = @Code
        WHERE hash = @Hash
        """;

    private const string StoreEpoch = """
        INSERT INTO epochs (trial_hash, epoch, train_loss, val_loss, val_acc, seconds)
        VALUES (@Hash, @Epoch, @TrainLoss, @ValLoss, @ValAcc, @Seconds)
        """;

    private const string StoreDecision = """
        INSERT INTO decisions (sweep, trial_hash, attempt, rung, metric, value, threshold, compared, decision, rule, decided_at)
        VALUES (@Sweep, @Hash, @Attempt, @Rung, @Metric, @Value, @Threshold, @Compared, @Decision, @Rule, @DecidedAt)
        """;

    /// <summary>Writes the sweep into the results file at <paramref name="path"/> (created if needed; another sweep there stays).</summary>
    public static BigResultsCounts Write(string path, int trials = 10_000, int epochs = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 2);
        var configs = Enumerable.Range(0, trials).Select(index => Config(index, epochs)).ToList();
        var planned = configs.Select(config => PlannedTrial.Of(config, DatasetChecksum)).ToList();
        using (var store = ResultsStore.Open(path))
            store.SyncSweep(new SweepRecord(SweepName, $"sweeps/{SweepName}.yaml", "grid", Metric, Goal.Maximize.Name(), Definition(epochs)), planned);

        var plan = new PruningPlan(SweepName, Metric, Goal.Maximize, Hyperband);
        var rungs = Hyperband.Rungs(epochs);
        var random = new Random(20_240_611);
        var start = DateTime.UtcNow.AddHours(-trials / 1000.0 - 1);
        var outcomes = new List<object>(trials);
        var epochRows = new List<object>(trials * epochs);
        var decisions = new List<object>();
        int completed = 0, pruned = 0, failed = 0;
        for (var index = 0; index < trials; index++)
        {
            var config = configs[index];
            var hash = planned[index].Hash;
            var final = FinalAccuracy(config, random);
            var draw = random.NextDouble();
            // The epoch a trial stops after: a rung when pruned, part-way when failed, the last otherwise.
            var (status, lastEpoch) = draw switch
            {
                < 0.04 => (TrialStatus.Failed, 1 + random.Next(epochs - 1)),
                < 0.07 => (TrialStatus.Pruned, rungs[0]),
                < 0.10 => (TrialStatus.Pruned, rungs[Math.Min(1, rungs.Count - 1)]),
                _ => (TrialStatus.Completed, epochs),
            };
            var curve = Enumerable.Range(1, lastEpoch).Select(epoch => Epoch(epoch, final, random)).ToList();
            epochRows.AddRange(curve.Select(epoch => new { Hash = hash, epoch.Epoch, epoch.TrainLoss, epoch.ValLoss, epoch.ValAcc, epoch.Seconds }));
            var seconds = curve.Sum(epoch => epoch.Seconds);
            var attempt = status == TrialStatus.Failed ? 2 : 1;

            RungDecision? stop = null;
            foreach (var rung in rungs.Where(rung => rung <= lastEpoch))
            {
                var value = curve[rung - 1].ValAcc;
                var isLast = status == TrialStatus.Pruned && rung == lastEpoch;
                var decision = new RungDecision(rung, value, isLast ? value + 0.01 : value - 0.01, Compared: Math.Min(index + 1, 3 * rung + 6), Stop: isLast);
                if (isLast) stop = decision;
                var recorded = plan.Record(decision, attempt);
                decisions.Add(new
                {
                    Sweep = SweepName, Hash = hash, Attempt = attempt, decision.Rung, Metric, decision.Value, decision.Threshold,
                    decision.Compared, Decision = decision.Stop ? "prune" : "continue", recorded.Rule, DecidedAt = UtcStamp.Of(recorded.DecidedAt),
                });
            }

            var outcome = status switch
            {
                TrialStatus.Completed => new TrialOutcome(status, null, curve[^1].TrainLoss, curve[^1].ValLoss, curve[^1].ValAcc,
                    curve[^1].ValLoss + 0.002, curve[^1].ValAcc - 0.003, seconds, lastEpoch),
                TrialStatus.Pruned => TrialOutcome.Pruned(stop!, Metric, curve[^1], seconds),
                _ => TrialOutcome.Failed($"InvalidOperationException: worker lost its data at epoch {lastEpoch + 1} {ScriptInError}", seconds),
            };
            if (status == TrialStatus.Completed) completed++;
            else if (status == TrialStatus.Pruned) pruned++;
            else failed++;
            var startedAt = start.AddSeconds(index * 0.3);
            outcomes.Add(new
            {
                Hash = hash, Status = outcome.Status.ToString().ToLowerInvariant(), outcome.Error, Worker = $"node{index % 4}:{4000 + index % 7}",
                Attempt = attempt, StartedAt = UtcStamp.Of(startedAt), FinishedAt = UtcStamp.Of(startedAt.AddSeconds(seconds)),
                outcome.Seconds, outcome.EpochsDone, TrainLoss = Stored(outcome.TrainLoss), ValLoss = Stored(outcome.ValLoss),
                ValAcc = Stored(outcome.ValAcc), TestLoss = Stored(outcome.TestLoss), TestAcc = Stored(outcome.TestAcc),
                Code = status == TrialStatus.Failed ? null : "0f1e2d3c4b5a6978",
            });
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(StoreOutcome, outcomes, transaction);
        connection.Execute(StoreEpoch, epochRows, transaction);
        connection.Execute(StoreDecision, decisions, transaction);
        transaction.Commit();
        return new BigResultsCounts(trials, completed, pruned, failed, epochRows.Count, decisions.Count);
    }

    /// <summary>Trial <paramref name="index"/> of the grid: lr varies fastest, then lambda, hidden, and seed slowest.</summary>
    private static TrialConfig Config(int index, int epochs) => new()
    {
        LearningRate = LearningRates[index % LearningRates.Count],
        Lambda = Lambdas[index / LearningRates.Count % Lambdas.Count],
        Hidden = Hiddens[index / (LearningRates.Count * Lambdas.Count) % Hiddens.Count],
        Seed = (ulong)(1 + index / (LearningRates.Count * Lambdas.Count * Hiddens.Count)),
        Epochs = epochs,
    };

    /// <summary>The sweep file as `sweep run` stores it (SweepDefinition.ToJson's shape), with every grid axis.</summary>
    private static string Definition(int epochs)
    {
        var seeds = Enumerable.Range(1, 25).Select(seed => (JsonNode?)seed).ToArray();
        var parameters = new JsonObject
        {
            ["lr"] = new JsonObject { ["values"] = new JsonArray(LearningRates.Select(value => (JsonNode?)value).ToArray()) },
            ["lambda"] = new JsonObject { ["values"] = new JsonArray(Lambdas.Select(value => (JsonNode?)value).ToArray()) },
            ["hidden"] = new JsonObject { ["values"] = new JsonArray(Hiddens.Select(widths => (JsonNode?)new JsonArray(widths.Select(width => (JsonNode?)width).ToArray())).ToArray()) },
            ["seed"] = new JsonObject { ["values"] = new JsonArray(seeds) },
            ["epochs"] = new JsonObject { ["value"] = epochs },
        };
        return new JsonObject
        {
            ["name"] = SweepName, ["source"] = $"sweeps/{SweepName}.yaml", ["description"] = "generated by BigResultsFile",
            ["dataset"] = "mnist", ["method"] = "grid", ["metric"] = new JsonObject { ["name"] = Metric, ["goal"] = Goal.Maximize.Name() },
            ["run_cap"] = null, ["random_seed"] = null, ["early_terminate"] = Hyperband.ToJson(), ["keep_models"] = 0,
            ["parameters"] = parameters,
        }.ToJsonString();
    }

    /// <summary>A smooth surface peaking near lr 0.2, lambda 1e-4 and a hidden layer, plus seed noise: charts have a shape.</summary>
    private static double FinalAccuracy(TrialConfig config, Random random)
    {
        var lrOff = Math.Log10(config.LearningRate) + 0.7;
        var lambdaOff = Math.Log10(config.Lambda + 1e-7) + 4;
        var capacity = config.Hidden.Count == 0 ? 0.92 : 0.985;
        return Math.Clamp(capacity - 0.03 * lrOff * lrOff - 0.004 * lambdaOff * lambdaOff + 0.003 * (random.NextDouble() - 0.5), 0.1, 0.995);
    }

    /// <summary>Epoch <paramref name="epoch"/> of a curve rising towards <paramref name="final"/>.</summary>
    private static EpochMetrics Epoch(int epoch, double final, Random random)
    {
        var gap = Math.Exp(-(epoch - 1) / 2.0);
        var valAcc = Math.Clamp(final - (final - 0.1) * 0.3 * gap + 0.002 * (random.NextDouble() - 0.5), 0.0, 1.0);
        var valLoss = -Math.Log(Math.Max(valAcc, 0.01)) * 1.5;
        return new EpochMetrics(epoch, valLoss * 0.9, valLoss, valAcc, 1.0 + 0.4 * random.NextDouble());
    }

    private static double? Stored(double value) => double.IsFinite(value) ? value : null;
}
