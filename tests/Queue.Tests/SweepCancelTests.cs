using Hangfire;
using Hangfire.Common;
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
        var (storage, trials, hashes, jobs) = OneTrainingAndThreeWaiting(database);
        (int Removed, int Interrupted)? coordinators = null;

        // The coordinator cancels everything after this stop read the trials and before it marks the first one.
        IEnumerable<string> HashesThenTheCoordinatorsCancel()
        {
            foreach (var hash in hashes) yield return hash;
            coordinators = SweepCancel.Stop(storage, trials, hashes);
        }
        var stop = SweepCancel.Stop(storage, trials, HashesThenTheCoordinatorsCancel());

        Assert.Equal((3, 1), coordinators);
        Assert.Equal((3, 1), stop);
        using var connection = storage.GetConnection();
        Assert.All(jobs, job => Assert.Equal(DeletedState.StateName, connection.GetStateData(job)?.Name));
        Assert.Equal(TrialStatus.Interrupted, trials.Read(hashes[0]).Outcome?.Status);
        Assert.All(hashes, hash => Assert.True(trials.Read(hash).Stopped));
        // A stop of what is stopped found nothing waiting or training, and says so.
        Assert.Equal((0, 0), SweepCancel.Stop(storage, trials, hashes));
    }

    [Fact]
    public void Stop_DeletesEveryWaitingJob_BeforeItInterruptsTheAttemptThatIsTraining()
    {
        using var database = new PostgresDatabase();
        // The first trial, the one a worker usually takes, is training: a cancel in sweep order would interrupt it first.
        var (storage, trials, hashes, jobs) = OneTrainingAndThreeWaiting(database);
        var deletions = new DeletionWatch(jobs, () => trials.Read(hashes[0]).Outcome is null);
        // A client with the watch as its only filter: Hangfire's global filters are shared by the tests running beside this one.
        var client = new BackgroundJobClient(storage, new JobFilterCollection { deletions });

        Assert.Equal((3, 1), SweepCancel.Stop(storage, trials, hashes, client));

        Assert.Equal([true, true, true], deletions.TrainingWhenDeleted);
        Assert.Equal(TrialStatus.Interrupted, trials.Read(hashes[0]).Outcome?.Status);
    }

    /// <summary>Four trials of a sweep on the queue: the first claimed by a worker (training), the others' jobs waiting.</summary>
    private static (JobStorage Storage, HangfireTrialStore Trials, List<string> Hashes, List<string> Jobs) OneTrainingAndThreeWaiting(PostgresDatabase database)
    {
        var storage = Storage(database);
        var trials = new HangfireTrialStore(storage);
        var planned = Enumerable.Range(1, 4).Select(lr => PlannedTrial.Of(new TrialConfig { LearningRate = lr / 10.0, Epochs = 1 }, "0123abcd")).ToList();
        var client = new BackgroundJobClient(storage);
        Assert.NotNull(trials.TryClaim(planned[0].Hash, "worker-1")); // training; its job is the worker's, not waiting
        var jobs = planned.Skip(1).Select(trial =>
        {
            var jobId = TrialJobs.Enqueue(client, new PendingTrial(trial.Hash, trial.ConfigJson));
            trials.RecordJob(trial.Hash, jobId);
            return jobId;
        }).ToList();
        return (storage, trials, planned.Select(trial => trial.Hash).ToList(), jobs);
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
