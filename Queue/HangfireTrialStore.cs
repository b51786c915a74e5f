using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hangfire;
using Hangfire.Storage;
using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>
/// The trial store of workers that share a queue database but not the results file: each trial's attempt, lease, epochs
/// and outcome live in a Hangfire hash keyed by the trial hash ("sweep:trial:HASH"), written by whichever worker runs it
/// and read by the coordinator, which alone writes SQLite. Keyed by trial, not by job, so a coordinator restarted
/// later still finds what finished while it was away, and a second delivery of a trial with a result trains nothing.
/// Exclusive: every read-check-write (claim, renew, release, epoch, outcome) runs under Hangfire's distributed lock of
/// the trial ("sweep:trial-lock:HASH"), so two deliveries cannot both claim, and only the current claim (attempt and
/// owner) writes. A claim's lease lasts <paramref name="lease"/> (60 s unless a test says otherwise) from its last
/// renewal, on the worker's clock; a running trial is taken over only after it expires. The hash also holds the attempt's
/// start and finish (worker's clock), the code fingerprint of its outcome, and one "refused:WORKER" field per worker of
/// other code that refused the trial's job.
/// Every call retries through an outage of the queue's database (<see cref="StorageRetry"/>, for
/// <paramref name="retryBudget"/>, two minutes unless a test says otherwise) and then throws TrialStoreException.
/// </summary>
public sealed class HangfireTrialStore(JobStorage storage, TimeSpan? retryBudget = null, TimeSpan? lease = null) : ITrialStore
{
    private const string Prefix = "sweep:trial:";
    private const string LockPrefix = "sweep:trial-lock:";
    private const string RefusedPrefix = "refused:";
    private const string DecisionPrefix = "decision:";
    private const string RungPrefix = "sweep:rung:";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly TimeSpan leaseLength = lease ?? TrialClaim.DefaultLease;

    public static string Key(string trialHash) => Prefix + trialHash;

    /// <summary>
    /// Attempts that ended without any outcome (the worker was killed) before the trial is failed: a trial that kills
    /// its worker every time (out of memory, say) must not be handed from worker to worker forever.
    /// </summary>
    public const int MaxLostAttempts = 3;

    public TrialClaim? TryClaim(string trialHash, string worker) => StorageRetry.Run(() => Locked(trialHash, connection => Claim(connection, trialHash, worker)), retryBudget);

    private TrialClaim? Claim(IStorageConnection connection, string trialHash, string worker)
    {
        var fields = Fields(connection, trialHash);
        var state = Parse(fields);
        if (state.HasResult || state.Stopped) return null; // a stopped sweep trains nothing until a run resumes it
        // An attempt that ended without an outcome and was not handed back: held while its lease lasts, then lost.
        var unfinished = state.Attempt > 0 && state.Outcome is null && !fields.ContainsKey("released");
        if (unfinished && state.LeaseExpires > DateTime.UtcNow) return null; // held
        var lost = (fields.TryGetValue("lost", out var lostText) ? int.Parse(lostText, CultureInfo.InvariantCulture) : 0) + (unfinished ? 1 : 0);
        if (lost >= MaxLostAttempts)
        {
            var error = $"gave up after {lost} attempts whose worker died without reporting (last: {state.Worker})";
            Set(connection, trialHash, [new("outcome", JsonSerializer.Serialize(TrialOutcome.Failed(error, 0), Json)), new("lost", lost.ToString(CultureInfo.InvariantCulture))]);
            return null;
        }
        var claim = new TrialClaim(trialHash, state.Attempt + 1, worker, TrialClaim.NewOwner());
        using var transaction = connection.CreateWriteTransaction();
        // A new attempt starts clean: the epochs of the attempt a killed worker left would mix with this one's.
        transaction.RemoveHash(Key(trialHash));
        var kept = fields.Where(pair => pair.Key == "job" || pair.Key.StartsWith(RefusedPrefix, StringComparison.Ordinal)).ToList();
        kept.Add(new("worker", worker));
        kept.Add(new("owner", claim.Owner));
        kept.Add(new("attempt", claim.Attempt.ToString(CultureInfo.InvariantCulture)));
        kept.Add(new("lease", LeaseEnd()));
        kept.Add(new("lease_seconds", leaseLength.TotalSeconds.ToString("R", CultureInfo.InvariantCulture))); // for the coordinator's heartbeat
        kept.Add(new("started", Now())); // this attempt's start, on the worker's clock: the results file shows it
        kept.Add(new("lost", lost.ToString(CultureInfo.InvariantCulture)));
        transaction.SetRangeInHash(Key(trialHash), kept);
        transaction.Commit();
        return claim;
    }

    public bool Renew(TrialClaim claim) => StorageRetry.Run(() => IfCurrent(claim, connection => Set(connection, claim.TrialHash, [new("lease", LeaseEnd())])), retryBudget);

    /// <summary>Marks the attempt released (not lost: it does not count toward <see cref="MaxLostAttempts"/>) and ends its lease.</summary>
    public void Release(TrialClaim claim) =>
        StorageRetry.Run(() => IfCurrent(claim, connection => Set(connection, claim.TrialHash, [new("released", "1"), new("lease", "")])), retryBudget);

    /// <summary>The epoch and the lease's extension in one write under one lock: a lock round costs several commits.</summary>
    public bool RecordEpoch(TrialClaim claim, EpochMetrics epoch) =>
        StorageRetry.Run(() => IfCurrent(claim, connection => Set(connection, claim.TrialHash,
            [new($"epoch:{epoch.Epoch:D4}", JsonSerializer.Serialize(epoch, Json)), new("lease", LeaseEnd())])), retryBudget);

    public bool RecordOutcome(TrialClaim claim, TrialOutcome outcome) =>
        StorageRetry.Run(() => IfCurrent(claim, connection =>
            Set(connection, claim.TrialHash, [new("outcome", JsonSerializer.Serialize(outcome, Json)), new("worker", claim.Worker), new("lease", ""),
                new("finished", Now()), new("code", CodeFingerprint.Current)])), retryBudget);

    /// <summary>
    /// Judges the rung under the trial's lock, if the claim is current: adds "HASH=VALUE" to the sweep's set for that epoch
    /// ("sweep:rung:SWEEP:EPOCH", which every worker reads), judges against the other trials' members, and keeps the
    /// decision in the trial's hash ("decision:EPOCH") for the coordinator to copy.
    /// </summary>
    public RungDecision? JudgeRung(TrialClaim claim, PruningPlan plan, int epoch, double value)
    {
        RungDecision? decision = null;
        var current = StorageRetry.Run(() => IfCurrent(claim, connection =>
        {
            var rung = $"{RungPrefix}{plan.Sweep}:{epoch:D4}";
            using (var transaction = connection.CreateWriteTransaction())
            {
                transaction.AddToSet(rung, $"{claim.TrialHash}={value.ToString("R", CultureInfo.InvariantCulture)}");
                transaction.Commit();
            }
            var others = connection.GetAllItemsFromSet(rung)
                .Select(member => member.Split('=', 2))
                .Where(parts => parts.Length == 2 && parts[0] != claim.TrialHash)
                .Select(parts => double.Parse(parts[1], CultureInfo.InvariantCulture)).ToList();
            decision = plan.Judge(epoch, value, others);
            Set(connection, claim.TrialHash, [new($"{DecisionPrefix}{epoch:D4}", JsonSerializer.Serialize(plan.Record(decision, claim.Attempt), Json))]);
        }), retryBudget);
        return current ? decision : null;
    }

    /// <summary>One field per refusing worker ("refused:WORKER" = its fingerprint), kept across attempts for the coordinator to report.</summary>
    public void RecordRefusal(string trialHash, string worker, string code) =>
        StorageRetry.Run(() => Set(trialHash, [new(RefusedPrefix + worker, code)]), retryBudget);

    /// <summary>
    /// Cancels the trial (`sweep stop`, a coordinator's Ctrl-C): marks it stopped, so no delivery claims it, and records an
    /// attempt that has no outcome yet as interrupted, so its holder's next renewal is refused and it stops training.
    /// Returns true when it interrupted an attempt. <see cref="Resume"/> lifts the mark.
    /// </summary>
    public bool Stop(string trialHash) => StorageRetry.Run(() => Locked(trialHash, connection =>
    {
        var state = Parse(Fields(connection, trialHash));
        var interrupt = state.Attempt > 0 && state.Outcome is null;
        Set(connection, trialHash, interrupt
            ? [new("stop", "1"), new("outcome", JsonSerializer.Serialize(TrialOutcome.Interrupted(0), Json)), new("lease", "")]
            : [new("stop", "1")]);
        return interrupt;
    }), retryBudget);

    /// <summary>Lifts <see cref="Stop"/>'s mark: a run enqueues the trial again.</summary>
    public void Resume(string trialHash) => StorageRetry.Run(() => Set(trialHash, [new("stop", "")]), retryBudget);

    /// <summary>Runs <paramref name="write"/> under the trial's lock if the claim is current (its attempt and owner, no outcome, not released).</summary>
    private bool IfCurrent(TrialClaim claim, Action<IStorageConnection> write) => Locked(claim.TrialHash, connection =>
    {
        var fields = Fields(connection, claim.TrialHash);
        var current = fields.GetValueOrDefault("owner") == claim.Owner
                      && fields.GetValueOrDefault("attempt") == claim.Attempt.ToString(CultureInfo.InvariantCulture)
                      && !fields.ContainsKey("outcome") && !fields.ContainsKey("released");
        if (current) write(connection);
        return current;
    });

    private T Locked<T>(string trialHash, Func<IStorageConnection, T> work)
    {
        using var connection = storage.GetConnection();
        using (connection.AcquireDistributedLock(LockPrefix + trialHash, LockTimeout))
            return work(connection);
    }

    private string LeaseEnd() => UtcStamp.Of(DateTime.UtcNow + leaseLength);

    private static string Now() => UtcStamp.Of(DateTime.UtcNow);

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
        var refusals = fields.Where(pair => pair.Key.StartsWith(RefusedPrefix, StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key[RefusedPrefix.Length..], pair => pair.Value, StringComparer.Ordinal);
        return new RemoteTrialState(fields.GetValueOrDefault("worker"), attempt, epochs, outcome, fields.GetValueOrDefault("job"), UtcStamp.Parse(fields.GetValueOrDefault("lease")),
            UtcStamp.Parse(fields.GetValueOrDefault("started")), UtcStamp.Parse(fields.GetValueOrDefault("finished")), fields.GetValueOrDefault("code"), refusals)
            {
                Stopped = !string.IsNullOrEmpty(fields.GetValueOrDefault("stop")),
                Lease = double.TryParse(fields.GetValueOrDefault("lease_seconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                    ? TimeSpan.FromSeconds(seconds) : null,
                Decisions = fields.Where(pair => pair.Key.StartsWith(DecisionPrefix, StringComparison.Ordinal)).OrderBy(pair => pair.Key, StringComparer.Ordinal)
                    .Select(pair => JsonSerializer.Deserialize<RecordedDecision>(pair.Value, Json)!).ToList(),
            };
    }
}
