using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Sweep.Trials;

namespace Sweep.Queue.Tests;

/// <summary>
/// Cancelling a sweep on a real PostgreSQL queue: what `sweep stop` reports as removed and interrupted is what it found
/// waiting and training, even when the sweep's coordinator, which reacts to the stop's first mark by cancelling every
/// trial itself, deletes the jobs first (it did so on loaded CI machines, and the stop said "0 queued jobs removed").
/// </summary>
public sealed class SweepCancelTests
{
    [Fact]
    public void Stop_CountsTheJobsAndAttemptsItFound_EvenWhenAnotherCancellerGotThereFirst()
    {
        using var database = new PostgresDatabase();
        var storage = Storage(database);
        var trials = new HangfireTrialStore(storage);
        var hashes = Enumerable.Range(1, 4).Select(lr => PlannedTrial.Of(new TrialConfig { LearningRate = lr / 10.0, Epochs = 1 }, "0123abcd")).ToList();
        var client = new BackgroundJobClient(storage);
        Assert.NotNull(trials.TryClaim(hashes[0].Hash, "worker-1")); // training; its job is the worker's, not waiting
        var jobs = hashes.Skip(1).Select(trial =>
        {
            var jobId = TrialJobs.Enqueue(client, new PendingTrial(trial.Hash, trial.ConfigJson));
            trials.RecordJob(trial.Hash, jobId);
            return jobId;
        }).ToList();
        (int Removed, int Interrupted)? coordinators = null;

        // The coordinator cancels everything after this stop read the trials and before it marks the first one.
        IEnumerable<string> HashesThenTheCoordinatorsCancel()
        {
            foreach (var trial in hashes) yield return trial.Hash;
            coordinators = SweepCancel.Stop(storage, trials, hashes.Select(trial => trial.Hash));
        }
        var stop = SweepCancel.Stop(storage, trials, HashesThenTheCoordinatorsCancel());

        Assert.Equal((3, 1), coordinators);
        Assert.Equal((3, 1), stop);
        using var connection = storage.GetConnection();
        Assert.All(jobs, job => Assert.Equal(DeletedState.StateName, connection.GetStateData(job)?.Name));
        Assert.Equal(TrialStatus.Interrupted, trials.Read(hashes[0].Hash).Outcome?.Status);
        Assert.All(hashes, trial => Assert.True(trials.Read(trial.Hash).Stopped));
        // A stop of what is stopped found nothing waiting or training, and says so.
        Assert.Equal((0, 0), SweepCancel.Stop(storage, trials, hashes.Select(trial => trial.Hash)));
    }

    [Fact]
    public void Stop_DeletesEveryWaitingJob_BeforeItInterruptsTheAttemptThatIsTraining()
    {
        using var database = new PostgresDatabase();
        var storage = Storage(database);
        var trials = new HangfireTrialStore(storage);
        var hashes = Enumerable.Range(1, 4).Select(lr => PlannedTrial.Of(new TrialConfig { LearningRate = lr / 10.0, Epochs = 1 }, "0123abcd").Hash).ToList();
        var client = new BackgroundJobClient(storage);
        // The first trial, the one a worker usually takes, is training: a cancel in sweep order would interrupt it first.
        Assert.NotNull(trials.TryClaim(hashes[0], "worker-1"));
        var jobs = hashes.Skip(1).Select(hash =>
        {
            var jobId = TrialJobs.Enqueue(client, new PendingTrial(hash, "{}"));
            trials.RecordJob(hash, jobId);
            return jobId;
        }).ToList();
        var deletions = new DeletionWatch(jobs, () => trials.Read(hashes[0]).Outcome is null);
        GlobalJobFilters.Filters.Add(deletions);
        try
        {
            Assert.Equal((3, 1), SweepCancel.Stop(storage, trials, hashes));
        }
        finally
        {
            GlobalJobFilters.Filters.Remove(deletions);
        }

        Assert.Equal([true, true, true], deletions.TrainingWhenDeleted);
        Assert.Equal(TrialStatus.Interrupted, trials.Read(hashes[0]).Outcome?.Status);
    }

    /// <summary>Records, as each of <paramref name="jobs"/> is deleted, whether the training attempt was still uninterrupted.</summary>
    private sealed class DeletionWatch(IReadOnlyList<string> jobs, Func<bool> stillTraining) : IApplyStateFilter
    {
        public List<bool> TrainingWhenDeleted { get; } = [];

        public void OnStateApplied(ApplyStateContext context, Hangfire.Storage.IWriteOnlyTransaction transaction)
        {
            if (context.NewState is DeletedState && jobs.Contains(context.BackgroundJob.Id))
                lock (TrainingWhenDeleted) TrainingWhenDeleted.Add(stillTraining());
        }

        public void OnStateUnapplied(ApplyStateContext context, Hangfire.Storage.IWriteOnlyTransaction transaction)
        {
        }
    }

    private static JobStorage Storage(PostgresDatabase database)
    {
        var options = new PostgreSqlStorageOptions { SchemaName = "sweep_queue", PrepareSchemaIfNecessary = true };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options, null), options);
    }
}
