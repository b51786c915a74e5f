using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.Stores;

/// <summary>
/// What every <see cref="ITrialStore"/> promises, run against each store (as Optuna runs its storage tests against every
/// backend): a claim is exclusive while its lease is live, is taken over only once the lease has expired, and only the
/// current claim records epochs and the outcome. "Another process" is a second store object on the same backing storage.
/// Short leases (<see cref="ShortLease"/>) stand in for the 60 s of a real run; the tests wait them out, never time them.
/// </summary>
public abstract class TrialStoreContract : IDisposable
{
    protected static readonly TimeSpan ShortLease = TimeSpan.FromSeconds(1);
    private const int Threads = 6;

    protected TrialStoreContract() =>
        Trials = Enumerable.Range(1, ConcurrentRounds).Select(seed => Fixtures.Planned(Fixtures.Config(seed: (ulong)seed))).ToList();

    /// <summary>Rounds of the concurrent-claim test, one trial each: many, unless the store's lock is slow under contention.</summary>
    protected virtual int ConcurrentRounds => 40;

    protected IReadOnlyList<PlannedTrial> Trials { get; }

    /// <summary>A store on the test's backing storage (each call a new one, as another process would open), knowing <see cref="Trials"/>.</summary>
    protected abstract ITrialStore Open(TimeSpan? lease = null);

    /// <summary>What the backing storage holds for the trial: its attempt, its worker and its outcome's status and val_acc.</summary>
    protected abstract (int Attempt, string? Worker, TrialStatus? Outcome, double? ValAcc) Stored(string trialHash);

    public abstract void Dispose();

    private string Hash => Trials[0].Hash;

    [Fact]
    public void JudgeRung_ComparesWithTheSweepsOtherTrialsAtThatEpoch_AndAStaleClaimIsNotJudged()
    {
        var plan = new PruningPlan(Fixtures.Sweep().Name, "val_acc", Goal.Maximize, new EarlyTermination(EarlyTerminationType.Asha, 1, 3));
        double[] values = [0.90, 0.95, 0.80, 0.85, 0.97, 0.60];
        var claims = new List<TrialClaim>();
        var decisions = new List<RungDecision>();
        for (var i = 0; i < values.Length; i++)
        {
            var store = Open(); // each trial on its own worker
            var claim = store.TryClaim(Trials[i].Hash, $"w{i}")!;
            Assert.True(store.RecordEpoch(claim, new EpochMetrics(1, 0.3, 0.3, values[i], 0.1)));
            decisions.Add(store.JudgeRung(claim, plan, 1, values[i])!);
            claims.Add(claim);
        }

        // Successive halving, asynchronously: the first trials at a rung go on while they are the best, then only the top
        // 1/3 of those that reached it (0.60 meets 0.97 and 0.95 among six: the threshold is 0.95).
        Assert.Equal([false, false, true, true, false, true], decisions.Select(decision => decision.Stop));
        Assert.Equal([1, 2, 3, 4, 5, 6], decisions.Select(decision => decision.Compared));
        Assert.Equal((0.60, 0.95), (decisions[5].Value, decisions[5].Threshold));
        Assert.True(Open().RecordOutcome(claims[0], Fixtures.Completed(0.9)));
        Assert.Null(Open().JudgeRung(claims[0], plan, 1, 0.9));
    }

    [Fact]
    public void TryClaim_ASecondTime_ReturnsNull_AsForADuplicateDelivery()
    {
        var store = Open();
        Assert.NotNull(store.TryClaim(Hash, "w1"));

        Assert.Null(store.TryClaim(Hash, "w1"));
    }

    [Fact]
    public void TryClaim_WhileAnotherWorkersLeaseIsLive_ReturnsNull()
    {
        var first = Open().TryClaim(Hash, "w1")!;

        Assert.Null(Open().TryClaim(Hash, "w2"));
        Assert.Equal((1, "w1"), (Stored(Hash).Attempt, Stored(Hash).Worker));
        Assert.True(Open().RecordOutcome(first, Fixtures.Completed(0.9)));
    }

    [Fact]
    public void TryClaim_AfterTheLeaseExpired_TakesOverAsTheNextAttempt_AndTheOldClaimIsRefused()
    {
        var old = Open(ShortLease).TryClaim(Hash, "w1")!;
        Thread.Sleep(ShortLease * 1.5); // w1 stopped renewing: killed, frozen or cut off

        var store = Open();
        var current = store.TryClaim(Hash, "w2");

        Assert.Equal(2, current?.Attempt);
        Assert.False(store.Renew(old));
        Assert.False(store.RecordOutcome(old, Fixtures.Completed(0.11)));
        Assert.Equal((2, "w2", (TrialStatus?)null), (Stored(Hash).Attempt, Stored(Hash).Worker, Stored(Hash).Outcome));
        Assert.True(store.RecordOutcome(current!, Fixtures.Completed(0.96)));
        Assert.Equal((2, "w2", TrialStatus.Completed, 0.96), Stored(Hash));
    }

    [Fact]
    public void RecordOutcome_OfAStaleClaim_DoesNotReplaceTheCurrentClaimsOutcome()
    {
        var old = Open(ShortLease).TryClaim(Hash, "w1")!;
        Thread.Sleep(ShortLease * 1.5);
        var store = Open();
        var current = store.TryClaim(Hash, "w2")!;
        Assert.True(store.RecordOutcome(current, Fixtures.Completed(0.96)));

        store.RecordEpoch(old, new EpochMetrics(1, 9, 9, 0.1, 1));
        Assert.False(store.RecordOutcome(old, Fixtures.Completed(0.11)));

        Assert.Equal((2, "w2", TrialStatus.Completed, 0.96), Stored(Hash));
    }

    [Fact]
    public void Renew_KeepsTheTrialHeld_PastItsFirstLease() =>
        KeptPastItsFirstLease((holder, claim, _) => holder.Renew(claim));

    [Fact]
    public void RecordEpoch_ExtendsTheLease_SoEpochWritesAloneKeepTheTrialHeld() =>
        KeptPastItsFirstLease((holder, claim, round) => holder.RecordEpoch(claim, new EpochMetrics(round, 0.5, 0.4, 0.9, 0.1)));

    /// <summary>The holder calls <paramref name="keepAlive"/> (round 1, 2, ...) for 2.5 leases; nobody else claims the trial meanwhile.</summary>
    private void KeptPastItsFirstLease(Func<ITrialStore, TrialClaim, int, bool> keepAlive)
    {
        var holder = Open(ShortLease);
        var claim = holder.TryClaim(Hash, "w1")!;
        var other = Open();
        var until = DateTime.UtcNow + ShortLease * 2.5;

        for (var round = 1; DateTime.UtcNow < until; round++)
        {
            Assert.True(keepAlive(holder, claim, round));
            Assert.Null(other.TryClaim(Hash, "w2"));
            Thread.Sleep(ShortLease / 10);
        }

        Assert.True(holder.RecordOutcome(claim, Fixtures.Completed(0.9)));
        Assert.Equal((1, "w1", TrialStatus.Completed, 0.9), Stored(Hash));
    }

    [Fact]
    public void RecordEpoch_OfAStaleClaim_ReturnsFalse()
    {
        var old = Open(ShortLease).TryClaim(Hash, "w1")!;
        Thread.Sleep(ShortLease * 1.5);
        var store = Open();
        var current = store.TryClaim(Hash, "w2")!;

        Assert.False(store.RecordEpoch(old, new EpochMetrics(1, 9, 9, 0.1, 1)));
        Assert.True(store.RecordEpoch(current, new EpochMetrics(1, 0.5, 0.4, 0.9, 1)));
    }

    [Fact]
    public void Release_HandsTheTrialBack_ClaimableAtOnceAndWithoutAnOutcome()
    {
        var store = Open();
        var released = store.TryClaim(Hash, "w1")!;

        store.Release(released);
        var next = Open().TryClaim(Hash, "w2");

        Assert.Equal(2, next?.Attempt);
        Assert.False(store.RecordOutcome(released, Fixtures.Completed(0.11)));
        Assert.Null(Stored(Hash).Outcome);
    }

    [Fact]
    public void TryClaim_FromManyThreadsAtOnce_GrantsExactlyOneClaim_AndStoresOneOutcome()
    {
        var stores = Enumerable.Range(0, Threads).Select(_ => Open()).ToList();
        foreach (var trial in Trials)
        {
            using var start = new Barrier(Threads);
            var results = new (TrialClaim? Claim, bool Stored)[Threads];
            var workers = Enumerable.Range(0, Threads).Select(index => new Thread(() =>
            {
                start.SignalAndWait();
                var claim = stores[index].TryClaim(trial.Hash, $"w{index}");
                results[index] = (claim, claim is not null && stores[index].RecordOutcome(claim, Fixtures.Completed(0.5 + index / 100.0)));
            })).ToList();
            workers.ForEach(worker => worker.Start());
            workers.ForEach(worker => worker.Join());

            var winner = Assert.Single(results, result => result.Claim is not null);
            Assert.Single(results, result => result.Stored);
            Assert.Equal((1, winner.Claim!.Worker, TrialStatus.Completed), (Stored(trial.Hash).Attempt, Stored(trial.Hash).Worker, Stored(trial.Hash).Outcome));
        }
    }
}
