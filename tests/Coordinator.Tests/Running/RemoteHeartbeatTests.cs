using Hangfire.InMemory;
using Sweep.Coordinator.Running;
using Sweep.Queue;
using Sweep.Trials;

namespace Sweep.Coordinator.Tests.Running;

/// <summary>
/// A coordinator waiting on remote workers shows who holds each trial and how long since its last heartbeat: the
/// queue's storage keeps the lease's end, on Hangfire.InMemory here, and remote workers are played by claims made
/// through their own <see cref="HangfireTrialStore"/>.
/// </summary>
public sealed class RemoteHeartbeatTests : IDisposable
{
    private readonly InMemoryStorage storage = new(new InMemoryStorageOptions());
    private readonly TempResultsFile results = new();

    public void Dispose()
    {
        storage.Dispose();
        results.Dispose();
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
        Assert.InRange(heartbeat.RenewedAt, before, after); // the claim is the first heartbeat: lease end less the lease

        Assert.True(worker.RecordOutcome(claim, Fixtures.Completed(0.9)));
        queue.Collect([trial.Hash]);
        Assert.Empty(queue.Heartbeats);
    }

    [Fact]
    public void Run_OnASharedQueue_ShowsWhoHoldsEachRemoteTrial_AndHowLongSinceItsHeartbeat()
    {
        using var store = results.Open();
        var sweep = Fixtures.Sweep();
        var trials = Fixtures.Grid(0.1, 0.5);
        var view = new RecordingRunView();
        var workers = new HangfireTrialStore(storage);
        // A worker whose lease is one second: its heartbeat reads as 59 s old at once, as a silent worker's would.
        var silentWorker = new HangfireTrialStore(storage, lease: TimeSpan.FromSeconds(1));
        using var runEnded = new ManualResetEventSlim();
        var remote = new Thread(() =>
        {
            while (trials.Any(trial => workers.Read(trial.Hash).JobId is null) && !runEnded.Wait(20)) { }
            var claims = new[] { workers.TryClaim(trials[0].Hash, "far-host:42"), silentWorker.TryClaim(trials[1].Hash, "quiet-host:7") };
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
        var shown = view.Updates.FirstOrDefault(update => update.Running.Count(running => running.Holder is not null) == 2)?.Running;
        Assert.NotNull(shown);
        var busy = shown.Single(running => running.Hash == trials[0].Hash);
        var quiet = shown.Single(running => running.Hash == trials[1].Hash);
        Assert.Equal("far-host:42", busy.Holder);
        Assert.True(busy.SinceHeartbeat < HolderWatch.SilentAfter, $"a fresh claim is a fresh heartbeat, not {busy.SinceHeartbeat}");
        Assert.Equal("quiet-host:7", quiet.Holder);
        Assert.True(quiet.SinceHeartbeat > HolderWatch.SilentAfter, $"a lease about to lapse is an old heartbeat, not {quiet.SinceHeartbeat}");
    }
}
