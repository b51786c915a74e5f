using Hangfire;
using Hangfire.InMemory;
using Hangfire.States;
using Sweep.Coordinator.Running;
using Sweep.Queue;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.Running;

/// <summary>
/// The coordinator's side of a shared queue, on Hangfire.InMemory without workers: jobs are moved by hand. What it
/// copies into the results file has started_at and finished_at of the attempt that produced the result, on its worker's
/// clock, and the code fingerprint that computed it — whether it watched the attempt or was away while it ran. While
/// it waits it shows who holds each trial and how long since its last heartbeat (the lease's end less the lease).
/// </summary>
public sealed class RemoteQueueTests : IDisposable
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private readonly InMemoryStorage storage = new(new InMemoryStorageOptions());
    private readonly TempResultsFile results = new();

    public void Dispose()
    {
        storage.Dispose();
        results.Dispose();
    }

    [Fact]
    public void Collect_ReEnqueuesATrialWhoseWorkerLetItsLeaseLapse_OnceUntilAWorkerFetchesIt()
    {
        using var store = results.Open();
        var trial = Fixtures.Grid(0.1)[0];
        var pending = new Sweep.Trials.PendingTrial(trial.Hash, trial.ConfigJson);
        using var queue = new RemoteQueue(storage, store, localServer: null);
        queue.Enqueue([pending]);
        var trials = new HangfireTrialStore(storage);
        var firstJob = trials.Read(trial.Hash).JobId!;
        // A worker fetched the job, claimed the trial and was cut off: its job is gone (deleted from the dashboard, say), its lease lapses.
        Assert.NotNull(new HangfireTrialStore(storage, lease: TimeSpan.FromMilliseconds(200)).TryClaim(trial.Hash, "cut-off-worker"));
        new BackgroundJobClient(storage).ChangeState(firstJob, new DeletedState());
        queue.Collect([trial.Hash]);
        Assert.Equal(firstJob, trials.Read(trial.Hash).JobId); // the lease is live: nothing to do
        Thread.Sleep(500);

        queue.Collect([trial.Hash]);
        var secondJob = trials.Read(trial.Hash).JobId!;
        queue.Collect([trial.Hash]);

        Assert.NotEqual(firstJob, secondJob);
        Assert.Equal(secondJob, trials.Read(trial.Hash).JobId);
        using var connection = storage.GetConnection();
        Assert.Equal(EnqueuedState.StateName, connection.GetStateData(secondJob).Name);
    }

    [Fact]
    public void ARetriedTrial_StoresTheStartOfTheAttemptThatProducedTheResult()
    {
        using var store = results.Open();
        var trial = Fixtures.Grid(0.1)[0];
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        using var queue = new RemoteQueue(storage, store, localServer: null);
        queue.Enqueue([new PendingTrial(trial.Hash, trial.ConfigJson)]);
        // Attempt 1 runs while the coordinator watches, then its worker is cut off and its lease lapses.
        Assert.NotNull(new HangfireTrialStore(storage, lease: TimeSpan.FromMilliseconds(100)).TryClaim(trial.Hash, "cut-off-worker"));
        queue.Collect([trial.Hash]);
        var firstStart = store.TrialRows("lr-lambda")[0].StartedAt;
        Thread.Sleep(300);

        var workers = new HangfireTrialStore(storage);
        var second = workers.TryClaim(trial.Hash, "worker-2")!;
        Assert.True(workers.RecordOutcome(second, Fixtures.Completed(0.9)));
        queue.Collect([trial.Hash]);

        var reported = workers.Read(trial.Hash);
        var row = store.TrialRows("lr-lambda")[0];
        Assert.Equal((2, "worker-2", TrialStatus.Completed), (row.Attempt, row.Worker, row.Status));
        Assert.NotNull(firstStart);
        Assert.NotEqual(firstStart, row.StartedAt);
        Assert.Equal(reported.StartedAt!.Value.ToString(Format), row.StartedAt);
        Assert.Equal(reported.FinishedAt!.Value.ToString(Format), row.FinishedAt);
        Assert.Equal(CodeFingerprint.Current, Code(trial.Hash));
    }

    [Fact]
    public void ATrialFinishedWhileNoCoordinatorWatched_StoresItsWorkersStartFinishAndCode()
    {
        var trial = Fixtures.Grid(0.1)[0];
        var workers = new HangfireTrialStore(storage);
        var claim = workers.TryClaim(trial.Hash, "worker-1")!;
        Assert.True(workers.RecordOutcome(claim, Fixtures.Completed(0.9)));
        var reported = workers.Read(trial.Hash);

        // The coordinator (re)starts afterwards and finds the result in the queue's storage.
        using var store = results.Open();
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        using (var queue = new RemoteQueue(storage, store, localServer: null))
            queue.Enqueue([new PendingTrial(trial.Hash, trial.ConfigJson)]);

        var row = store.TrialRows("lr-lambda")[0];
        Assert.Equal(TrialStatus.Completed, row.Status);
        Assert.Equal(reported.StartedAt!.Value.ToString(Format), row.StartedAt);
        Assert.Equal(reported.FinishedAt!.Value.ToString(Format), row.FinishedAt);
        Assert.Equal(CodeFingerprint.Current, Code(trial.Hash));
    }

    [Fact]
    public void Collect_GivesEachRunningTrialsHolder_AndItsLastRenewal_UntilItHasAnOutcome()
    {
        using var store = results.Open();
        var trial = Fixtures.Grid(0.1)[0];
        store.SyncSweep(Fixtures.Sweep(), [trial]);
        using var queue = new RemoteQueue(storage, store, localServer: null);
        queue.Enqueue([new PendingTrial(trial.Hash, trial.ConfigJson)]);
        queue.Collect([trial.Hash]);
        Assert.Empty(queue.Heartbeats); // queued, not claimed: nobody holds it

        var worker = new HangfireTrialStore(storage);
        var before = DateTime.UtcNow;
        var claim = worker.TryClaim(trial.Hash, "far-host:42")!;
        var after = DateTime.UtcNow;
        queue.Collect([trial.Hash]);

        var heartbeat = queue.Heartbeats[trial.Hash];
        Assert.Equal("far-host:42", heartbeat.Worker);
        // The claim is the first heartbeat: lease end less the lease (the queue keeps whole milliseconds).
        Assert.InRange(heartbeat.RenewedAt, before.AddMilliseconds(-1), after);

        Assert.True(worker.RecordOutcome(claim, Fixtures.Completed(0.9)));
        queue.Collect([trial.Hash]);
        Assert.Empty(queue.Heartbeats);
    }

    /// <summary>Remote workers are played by claims made through their own HangfireTrialStore.</summary>
    [Fact]
    public void Run_OnASharedQueue_ShowsWhoHoldsEachRemoteTrial_AndHowLongSinceItsHeartbeat()
    {
        using var store = results.Open();
        var sweep = Fixtures.Sweep();
        var trials = Fixtures.Grid(0.1, 0.5);
        var view = new RecordingRunView();
        var workers = new HangfireTrialStore(storage);
        // A worker whose lease is one second (the coordinator reads its length from the queue): after 1.5 s without a
        // renewal it is silent, as a killed worker of the default minute is after 20 s.
        var silentWorker = new HangfireTrialStore(storage, lease: TimeSpan.FromSeconds(1));
        using var runEnded = new ManualResetEventSlim();
        var remote = new Thread(() =>
        {
            while (trials.Any(trial => workers.Read(trial.Hash).JobId is null) && !runEnded.Wait(20)) { }
            var claims = new[] { workers.TryClaim(trials[0].Hash, "far-host:42"), silentWorker.TryClaim(trials[1].Hash, "quiet-host:7") };
            Thread.Sleep(TimeSpan.FromSeconds(1.5));
            // Bounded, so a view that never shows the holders fails the test below instead of hanging it.
            var patience = System.Diagnostics.Stopwatch.StartNew();
            while (!view.Seen(update => update.Running.Count(running => running.Holder is not null) == 2) && patience.Elapsed < TimeSpan.FromMinutes(1)) Thread.Sleep(20);
            foreach (var claim in claims.OfType<TrialClaim>()) workers.RecordOutcome(claim, Fixtures.Completed(0.9));
        });
        remote.Start();

        var snapshot = new SweepRunner(store, view, _ => new RemoteQueue(storage, store, localServer: null))
            .Run(sweep, trials, retryFailed: false, CancellationToken.None);
        runEnded.Set();
        remote.Join();

        Assert.Equal(2, snapshot.Done);
        var shown = view.Updates.LastOrDefault(update => update.Running.Count(running => running.Holder is not null) == 2)?.Running;
        Assert.NotNull(shown);
        var busy = shown.Single(running => running.Hash == trials[0].Hash);
        var quiet = shown.Single(running => running.Hash == trials[1].Hash);
        Assert.Equal("far-host:42", busy.Holder);
        Assert.True(busy.SinceHeartbeat < HolderWatch.SilentAfter(TrialClaim.DefaultLease), $"a fresh claim is a fresh heartbeat, not {busy.SinceHeartbeat}");
        Assert.Equal("quiet-host:7", quiet.Holder);
        Assert.Equal(TimeSpan.FromSeconds(1), quiet.HolderLease);
        Assert.True(quiet.SinceHeartbeat > HolderWatch.SilentAfter(quiet.HolderLease!.Value), $"a lease past its renewals is an old heartbeat, not {quiet.SinceHeartbeat}");
    }

    /// <summary>The code column as users read it: through the trial_results view.</summary>
    private string? Code(string hash)
    {
        using var connection = results.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT code FROM trial_results WHERE hash = $hash";
        command.Parameters.AddWithValue("$hash", hash);
        return command.ExecuteScalar() as string;
    }
}
