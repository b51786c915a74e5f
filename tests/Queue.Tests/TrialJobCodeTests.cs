using Hangfire;
using Hangfire.InMemory;
using Hangfire.States;
using Sweep.Engine.Training;
using Sweep.Trials;

namespace Sweep.Queue.Tests;

/// <summary>
/// A trial job carries the code fingerprint of the coordinator that queued it: a worker of other code refuses it before
/// claiming, notes the refusal, and the job is scheduled again (same id) for a matching worker rather than failed or lost.
/// A real Hangfire server on Hangfire.InMemory; "other code" is a job queued with another fingerprint.
/// </summary>
public sealed class TrialJobCodeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void AJobQueuedByOtherCode_IsRefusedBeforeTheClaim_NotedForTheCoordinator_AndScheduledAgain()
    {
        using var storage = new InMemoryStorage(new InMemoryStorageOptions());
        var store = new HangfireTrialStore(storage);
        var runner = new CountingRunner();
        var trial = PlannedTrial.Of(new TrialConfig { LearningRate = 0.1, Epochs = 1 }, "0123abcd");
        var (hash, config) = (trial.Hash, trial.ConfigJson);
        const string otherCode = "0123456789ab";
        var jobId = new BackgroundJobClient(storage).Enqueue<TrialJob>(job => job.Run(hash, config, otherCode, null, CancellationToken.None));

        using (QueueServer.Start(storage, 1, () => new TrialJob(store, runner, "other-worker")))
            WaitUntil(() => store.Read(hash).Refusals?.Count > 0);
        using var connection = storage.GetConnection();
        var deadline = DateTime.UtcNow + Patience;
        while (connection.GetStateData(jobId)?.Name != ScheduledState.StateName && DateTime.UtcNow < deadline) Thread.Sleep(50);

        var state = store.Read(hash);
        Assert.Equal(CodeFingerprint.Current, state.Refusals!["other-worker"]);
        Assert.Equal((0, 0), (state.Attempt, runner.Runs)); // refused before the claim: nothing trained, no attempt used
        Assert.Equal(ScheduledState.StateName, connection.GetStateData(jobId)?.Name);
    }

    [Fact]
    public void AJobOfTheSameCode_RecordsThatCodeWithTheAttemptsStartAndFinish()
    {
        using var storage = new InMemoryStorage(new InMemoryStorageOptions());
        var store = new HangfireTrialStore(storage);
        var trial = PlannedTrial.Of(new TrialConfig { LearningRate = 0.1, Epochs = 1 }, "0123abcd");
        var beforeClaim = DateTime.UtcNow.AddMilliseconds(-1);

        new TrialJob(store, new CountingRunner(), "worker-1").Run(trial.Hash, trial.ConfigJson, CodeFingerprint.Current, null, CancellationToken.None);

        var state = store.Read(trial.Hash);
        Assert.Equal(CodeFingerprint.Current, state.Code);
        Assert.True(state.StartedAt >= beforeClaim, $"{state.StartedAt:O} < {beforeClaim:O}");
        Assert.True(state.FinishedAt >= state.StartedAt, $"{state.FinishedAt:O} < {state.StartedAt:O}");
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the worker did not refuse the job in time");
            Thread.Sleep(50);
        }
    }

    private sealed class CountingRunner : ITrialRunner
    {
        public int Runs;

        public TrialOutcome Run(string trialHash, TrialConfig config, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
        {
            Interlocked.Increment(ref Runs);
            onEpoch(new EpochMetrics(1, 0.5, 0.4, 0.85, 0.1));
            return new TrialOutcome(TrialStatus.Completed, null, 0.25, 0.3, 0.9, 0.31, 0.9, 0.1, 1);
        }
    }
}
