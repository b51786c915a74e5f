using Sweep.Engine.Training;
using Sweep.Trials;
using Sweep.Queue;
using Sweep.Results;
using Sweep.Results.Storage;
using Sweep.Coordinator.Tests.Running;

namespace Sweep.Coordinator.Tests;

/// <summary>The Worker's TrialJob against the real store: a trial delivered twice trains once and stores one outcome.</summary>
public sealed class TrialJobWithResultsStoreTests : IDisposable
{
    private static readonly TimeSpan ShortBusyTimeout = TimeSpan.FromMilliseconds(100);
    private readonly TempResultsFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public void Run_DeliveredTwice_TrainsOnceAndStoresTheFirstOutcome()
    {
        using var store = file.Open();
        var trial = Fixtures.Grid(0.1)[0];
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        var runner = new CountingRunner();
        var job = new TrialJob(store, runner, "worker-1");

        job.Run(trial.Hash, trial.ConfigJson, CodeFingerprint.Current, null, CancellationToken.None);
        job.Run(trial.Hash, trial.ConfigJson, CodeFingerprint.Current, null, CancellationToken.None);

        Assert.Equal(1, runner.Runs);
        var row = Assert.Single(store.TrialRows("lr-lambda"));
        Assert.Equal((TrialStatus.Completed, 0.9, 1), (row.Status, row.ValAcc, row.Attempt));
        Assert.Equal(2, store.Epochs(trial.Hash).Count);
    }

    [Theory]
    [InlineData(true, TrialStatus.Pending)] // a stopped `sweep worker`
    [InlineData(false, TrialStatus.Interrupted)] // a stopped `sweep run`
    public void Run_StoppedInTheMiddle_ReleasesTheTrial_OnlyWhenAskedTo(bool releaseWhenStopped, TrialStatus expected)
    {
        using var store = file.Open();
        var trial = Fixtures.Grid(0.1)[0];
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        using var stop = new CancellationTokenSource();
        // As the Engine does: a cancelled training returns an interrupted outcome rather than throwing.
        var runner = new ScriptedTrialRunner(_ =>
        {
            stop.Cancel();
            return TrialOutcome.Interrupted(1);
        });

        new TrialJob(store, runner, "worker-1", releaseWhenStopped: releaseWhenStopped).Run(trial.Hash, trial.ConfigJson, CodeFingerprint.Current, null, stop.Token);

        Assert.Equal(expected, Assert.Single(store.TrialRows("lr-lambda")).Status);
        // Released: another worker claims it at once; interrupted: only once a run makes it pending again.
        Assert.Equal(releaseWhenStopped ? 2 : null, store.TryClaim(trial.Hash, "worker-2")?.Attempt);
    }

    private sealed class CountingRunner : ITrialRunner
    {
        public int Runs { get; private set; }

        public TrialOutcome Run(string trialHash, TrialConfig config, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
        {
            Runs++;
            onEpoch(new EpochMetrics(1, 0.5, 0.4, 0.85, 0.1));
            onEpoch(new EpochMetrics(2, 0.3, 0.3, 0.9, 0.1));
            return Fixtures.Completed(0.9, seconds: 0.2, epochs: 2);
        }
    }

    [Fact]
    public void TrialJob_WhenTheStoreCannotRecordAnEpoch_EndsWithoutAnOutcome_AndTheTrialRunsAgainNextTime()
    {
        using var store = ResultsStore.Open(file.Path, ShortBusyTimeout, lockWait: TimeSpan.Zero);
        var trial = Fixtures.Grid(0.1)[0];
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        // The lock is released before the error reaches the job: a job that recorded it as the trial's outcome could.
        var runner = new FirstEpochRunner(onFirstEpoch: write =>
        {
            using var holder = file.HoldWriteLock();
            write();
        });

        Assert.Throws<ResultsFileException>(() => new TrialJob(store, runner, "worker-1").Run(trial.Hash, trial.ConfigJson, CodeFingerprint.Current, null, CancellationToken.None));

        var row = Assert.Single(store.TrialRows("lr-lambda"));
        Assert.Equal((TrialStatus.Pending, 1, null), (row.Status, row.Attempt, row.Error)); // handed back, no outcome
        Assert.Single(store.PrepareRun("lr-lambda", retryFailed: false)); // a plain rerun trains it
    }

    /// <summary>Reports its first epoch through <paramref name="onFirstEpoch"/>, which calls the job's callback.</summary>
    private sealed class FirstEpochRunner(Action<Action> onFirstEpoch) : ITrialRunner
    {
        public TrialOutcome Run(string trialHash, TrialConfig config, Action<EpochMetrics> onEpoch, CancellationToken cancellation)
        {
            onFirstEpoch(() => onEpoch(new EpochMetrics(1, 0.5, 0.4, 0.85, 0.1)));
            return Fixtures.Completed(0.9, epochs: 1);
        }
    }
}
