using System.Diagnostics;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage;
using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Queue.Tests;

/// <summary>
/// A trial's seconds are the time spent computing: time its job waited for the queue's storage to come back (the
/// retries of StorageRetry while writing an epoch) is left out.
/// </summary>
public sealed class TrialJobSecondsTests
{
    [Fact]
    public void Seconds_LeaveOutTheTimeAnEpochWriteSpentRetryingTheQueuesStorage()
    {
        using var inner = new InMemoryStorage(new InMemoryStorageOptions());
        var storage = new FlakyStorage(inner);
        var store = new HangfireTrialStore(storage);
        var trial = PlannedTrial.Of(new TrialConfig { LearningRate = 0.1, Epochs = 1 }, "0123abcd");
        // Two refused connections: StorageRetry pauses 0.25 s and then 0.5 s before its third try succeeds.
        var runner = new TimedRunner(() => storage.RefuseNext(2));

        new TrialJob(store, runner, "worker-1").Run(trial.Hash, trial.ConfigJson, CodeFingerprint.Current, null, CancellationToken.None);

        var stored = store.Read(trial.Hash).Outcome!;
        Assert.Equal(TrialStatus.Completed, stored.Status);
        Assert.True(runner.Seconds >= 0.75, $"the runner's own clock, {runner.Seconds} s, includes the retries' pauses");
        Assert.True(stored.Seconds <= runner.Seconds - 0.75, $"stored {stored.Seconds} s of the runner's {runner.Seconds} s");
    }

    /// <summary>Times itself as the Engine does (the epoch callback included), with an outage starting at the epoch.</summary>
    private sealed class TimedRunner(Action beforeEpoch) : ITrialRunner
    {
        public double Seconds { get; private set; }

        public TrialOutcome Run(string trialHash, TrialConfig config, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
        {
            var clock = Stopwatch.StartNew();
            beforeEpoch();
            onEpoch(new EpochMetrics(1, 0.5, 0.4, 0.85, 0.1));
            Seconds = clock.Elapsed.TotalSeconds;
            return new TrialOutcome(TrialStatus.Completed, null, 0.25, 0.3, 0.9, 0.31, 0.9, Seconds, 1);
        }
    }

    /// <summary>A storage whose next N connections are refused, as a database restarting would.</summary>
    private sealed class FlakyStorage(JobStorage inner) : JobStorage
    {
        private int refusals;

        public void RefuseNext(int count) => Volatile.Write(ref refusals, count);

        public override IMonitoringApi GetMonitoringApi() => inner.GetMonitoringApi();

        public override IStorageConnection GetConnection() =>
            Interlocked.Decrement(ref refusals) >= 0 ? throw new IOException("connection refused") : inner.GetConnection();
    }
}
