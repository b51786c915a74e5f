using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hangfire;
using Hangfire.Storage;
using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>
/// The trial store of workers that share a queue database but not the results file: each trial's attempt, epochs and
/// outcome live in a Hangfire hash keyed by the trial hash ("sweep:trial:HASH"), written by whichever worker runs it
/// and read by the coordinator, which alone writes SQLite. Keyed by trial, not by job, so a coordinator restarted
/// later still finds what finished while it was away, and a second delivery of a trial with a result trains nothing.
/// Every call retries through an outage of the queue's database (<see cref="StorageRetry"/>, for
/// <paramref name="retryBudget"/>, two minutes unless a test says otherwise) and then throws TrialStoreException.
/// </summary>
public sealed class HangfireTrialStore(JobStorage storage, TimeSpan? retryBudget = null) : ITrialStore
{
    private const string Prefix = "sweep:trial:";
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string Key(string trialHash) => Prefix + trialHash;

    /// <summary>
    /// Attempts that ended without any outcome (the worker was killed) before the trial is failed: a trial that kills
    /// its worker every time (out of memory, say) must not be handed from worker to worker forever.
    /// </summary>
    public const int MaxLostAttempts = 3;

    public TrialClaim? TryClaim(string trialHash, string worker) => StorageRetry.Run(() => Claim(trialHash, worker), retryBudget);

    private TrialClaim? Claim(string trialHash, string worker)
    {
        using var connection = storage.GetConnection();
        var fields = Fields(connection, trialHash);
        var state = Parse(fields);
        if (state.HasResult) return null;
        var lost = (fields.TryGetValue("lost", out var lostText) ? int.Parse(lostText, CultureInfo.InvariantCulture) : 0)
                   + (state.Attempt > 0 && state.Outcome is null ? 1 : 0);
        if (lost >= MaxLostAttempts)
        {
            var error = $"gave up after {lost} attempts whose worker died without reporting (last: {state.Worker})";
            Set(connection, trialHash, [new("outcome", JsonSerializer.Serialize(TrialOutcome.Failed(error, 0), Json)), new("lost", lost.ToString(CultureInfo.InvariantCulture))]);
            return null;
        }
        var attempt = state.Attempt + 1;
        using var transaction = connection.CreateWriteTransaction();
        // A new attempt starts clean: the epochs of the attempt a killed worker left would mix with this one's.
        transaction.RemoveHash(Key(trialHash));
        var kept = fields.Where(pair => pair.Key == "job").ToList();
        kept.Add(new("worker", worker));
        kept.Add(new("attempt", attempt.ToString(CultureInfo.InvariantCulture)));
        kept.Add(new("lost", lost.ToString(CultureInfo.InvariantCulture)));
        transaction.SetRangeInHash(Key(trialHash), kept);
        transaction.Commit();
        return new TrialClaim(trialHash, attempt, worker);
    }

    public void RecordEpoch(TrialClaim claim, EpochMetrics epoch) =>
        StorageRetry.Run(() => Set(claim.TrialHash, [new($"epoch:{epoch.Epoch:D4}", JsonSerializer.Serialize(epoch, Json))]), retryBudget);

    public bool RecordOutcome(TrialClaim claim, TrialOutcome outcome) => StorageRetry.Run(() => StoreOutcome(claim, outcome), retryBudget);

    private bool StoreOutcome(TrialClaim claim, TrialOutcome outcome)
    {
        using var connection = storage.GetConnection();
        if (Parse(Fields(connection, claim.TrialHash)).HasResult) return false; // the first result stands
        Set(connection, claim.TrialHash, [new("outcome", JsonSerializer.Serialize(outcome, Json)), new("worker", claim.Worker)]);
        return true;
    }

    /// <summary>Remembers the job that carries the trial, so a restarted coordinator does not enqueue it again.</summary>
    public void RecordJob(string trialHash, string jobId) => StorageRetry.Run(() => Set(trialHash, [new("job", jobId)]), retryBudget);

    public RemoteTrialState Read(string trialHash) => StorageRetry.Run(() =>
    {
        using var connection = storage.GetConnection();
        return Parse(Fields(connection, trialHash));
    }, retryBudget);

    private void Set(string trialHash, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var connection = storage.GetConnection();
        Set(connection, trialHash, fields);
    }

    private static void Set(IStorageConnection connection, string trialHash, IEnumerable<KeyValuePair<string, string>> fields) =>
        connection.SetRangeInHash(Key(trialHash), fields);

    private static Dictionary<string, string> Fields(IStorageConnection connection, string trialHash) =>
        connection.GetAllEntriesFromHash(Key(trialHash)) ?? new Dictionary<string, string>();

    private static RemoteTrialState Parse(IReadOnlyDictionary<string, string> fields)
    {
        var epochs = fields.Where(pair => pair.Key.StartsWith("epoch:", StringComparison.Ordinal)).OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => JsonSerializer.Deserialize<EpochMetrics>(pair.Value, Json)!).ToList();
        var outcome = fields.TryGetValue("outcome", out var text) ? JsonSerializer.Deserialize<TrialOutcome>(text, Json) : null;
        var attempt = fields.TryGetValue("attempt", out var number) ? int.Parse(number, CultureInfo.InvariantCulture) : 0;
        return new RemoteTrialState(fields.GetValueOrDefault("worker"), attempt, epochs, outcome, fields.GetValueOrDefault("job"));
    }
}
