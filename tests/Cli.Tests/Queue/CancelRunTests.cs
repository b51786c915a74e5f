using Hangfire;
using Hangfire.States;
using Sweep.Queue;
using Sweep.Results;
using Sweep.Trials;
using static Sweep.Cli.Tests.Queue.QueueProcesses;

namespace Sweep.Cli.Tests.Queue;

/// <summary>
/// Stopping on a real PostgreSQL queue with real signals: a `sweep worker` stopped the documented way hands its trial
/// back and another worker re-runs it at once; a coordinator's Ctrl-C and `sweep stop` cancel the sweep on the queue
/// (queued jobs deleted, running trials interrupted) and a later `sweep run` resumes it.
/// </summary>
public class CancelRunTests
{
    // Trials of a few seconds: with shorter ones (4 epochs, ~1.5 s) a `sweep stop` whose process started slowly on a loaded
    // machine found the worker's only slot had finished three trials already, and so no queued job left to remove.
    private const string LongSweep = """
        name: long
        parameters:
          lr: {values: [0.1, 0.2, 0.3, 0.4]}
          hidden: {value: [300]}
          epochs: {value: 10}
        """;

    [Fact]
    public void SigIntOfAWorkerInTheMiddleOfATrial_HandsItBack_AndAnotherWorkerCompletesItAsAttempt2()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var file = folder.Write("long.yaml", LongSweep);
        using var victim = Worker(folder, database, ShortLease);
        using var survivor = Worker(folder, database, ShortLease);
        using var coordinator = new RunningSweep(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers");

        WaitUntil(() => HeldBy(folder, victim) is { LatestEpoch: >= 1 }, Patience);
        var handedBack = HeldBy(folder, victim)!.Hash;
        victim.Interrupt();

        Assert.Equal(0, victim.WaitForExit(Patience));
        Assert.Equal(0, coordinator.WaitForExit(Patience));
        var rows = Rows(folder);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, row => Assert.Equal(TrialStatus.Completed, row.Status));
        var rerun = rows.Single(row => row.Hash == handedBack);
        Assert.Equal(2, rerun.Attempt);
        Assert.EndsWith($":{survivor.Pid}", rerun.Worker, StringComparison.Ordinal);
    }

    [Fact]
    public void SigIntOfTheCoordinator_DeletesQueuedJobs_InterruptsRunningTrials_AndTheNextRunResumes()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var file = folder.Write("long.yaml", LongSweep);
        using var worker = Worker(folder, database, ShortLease);
        using (var coordinator = CoordinatorWithARunningTrial(folder, database, file))
        {
            coordinator.Interrupt();
            Assert.Equal(130, coordinator.WaitForExit(Patience));
        }

        AssertCancelled(folder, database);
        AssertNextRunResumes(folder, database, file);
    }

    [Fact]
    public void SweepStopFromAnotherProcess_DeletesQueuedJobs_InterruptsRunningTrials_EndsTheCoordinator_AndTheNextRunResumes()
    {
        using var database = new PostgresDatabase();
        using var folder = new TempFolder();
        var file = folder.Write("long.yaml", LongSweep);
        using var worker = Worker(folder, database, ShortLease);
        using (var coordinator = CoordinatorWithARunningTrial(folder, database, file))
        {
            var stop = SweepProcess.RunIn(folder.Path, "stop", "long", "--queue", database.ConnectionString);

            Assert.True(stop.ExitCode == 0, stop.ToString());
            Assert.Contains("3 queued jobs removed, 1 running trial interrupted", stop.Stdout);
            Assert.Equal(130, coordinator.WaitForExit(Patience));
        }

        AssertCancelled(folder, database);
        AssertNextRunResumes(folder, database, file);
    }

    /// <summary>One worker of one slot held one trial: it is interrupted; the three queued are deleted and never started.</summary>
    private static void AssertCancelled(TempFolder folder, PostgresDatabase database)
    {
        var rows = Rows(folder);
        Assert.Equal(TrialStatus.Interrupted, Assert.Single(rows, row => row.Attempt > 0).Status);
        Assert.Equal(3, rows.Count(row => row.Status == TrialStatus.Pending && row.Attempt == 0));
        var storage = Storage(database);
        var trials = new HangfireTrialStore(storage);
        using var connection = storage.GetConnection();
        var jobStates = rows.Where(row => row.Attempt == 0).Select(row => connection.GetStateData(trials.Read(row.Hash).JobId!)?.Name);
        Assert.All(jobStates, state => Assert.Equal(DeletedState.StateName, state));
        // The interrupted trial's worker stops at its next renewal; give it time to train on if it would.
        Thread.Sleep(TrialClaim.RenewalPeriod(TimeSpan.FromSeconds(ShortLease)) + TimeSpan.FromSeconds(2));
        Assert.All(rows.Where(row => row.Attempt == 0), row => Assert.Equal(0, trials.Read(row.Hash).Attempt));
    }

    private static void AssertNextRunResumes(TempFolder folder, PostgresDatabase database, string file)
    {
        var rerun = SweepProcess.RunIn(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers");

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        var rows = Rows(folder);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, row => Assert.Equal(TrialStatus.Completed, row.Status));
        Assert.Single(rows, row => row.Attempt == 2);
    }

    private static RunningSweep CoordinatorWithARunningTrial(TempFolder folder, PostgresDatabase database, string file)
    {
        var coordinator = new RunningSweep(folder.Path, "run", file, "--queue", database.ConnectionString, "--no-local-workers");
        var trials = new HangfireTrialStore(Storage(database));
        // And every job's id recorded: the coordinator enqueues on several threads and records each id after its job is in
        // the queue, where the worker may already have taken the first; a stop before then finds fewer jobs to delete.
        WaitUntil(() => Rows(folder) is { Count: 4 } rows && rows.Any(row => row.Status == TrialStatus.Running)
            && rows.All(row => trials.Read(row.Hash).JobId is not null), Patience);
        return coordinator;
    }

    private static IReadOnlyList<TrialRow> Rows(TempFolder folder) => QueueProcesses.Rows(folder, "long");

    private static TrialRow? HeldBy(TempFolder folder, RunningSweep worker) =>
        Rows(folder).FirstOrDefault(row => row.Status == TrialStatus.Running && row.Worker!.EndsWith($":{worker.Pid}", StringComparison.Ordinal));
}
