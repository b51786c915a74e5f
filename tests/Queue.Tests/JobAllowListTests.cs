using System.Diagnostics;
using Hangfire;
using Sweep.Trials;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.Storage;

namespace Sweep.Queue.Tests;

/// <summary>
/// Anyone who can write the queue database can enqueue a job: only TrialJob.Run may load or run here. The type
/// resolver (JobTypeAllowList), the job filter (OnlyTrialJobsFilter) and, end to end, a worker server on an in-memory
/// queue holding an attacker's job. Cli.Tests' DistributedRunTests plays the same attacker against `sweep worker` on PostgreSQL.
/// </summary>
public sealed class JobAllowListTests
{
    [Theory]
    [InlineData("Sweep.Queue.TrialJob, Sweep.Queue")]
    [InlineData("Sweep.Queue.TrialJob, Sweep.Queue, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null")]
    [InlineData("Sweep.Queue.TrialJob")]
    [InlineData("System.String, mscorlib")]
    [InlineData("System.String, System.Private.CoreLib")]
    [InlineData("System.Threading.CancellationToken, netstandard")]
    public void TryResolve_AllowsTheTrialJobAndItsArgumentTypes(string typeName)
    {
        Assert.True(JobTypeAllowList.TryResolve(typeName, out var type));
        Assert.Equal(typeName.Split(',')[0], type.FullName);
    }

    [Theory]
    [InlineData("System.IO.File, System.Private.CoreLib")]
    [InlineData("System.Diagnostics.Process, System.Diagnostics.Process")]
    [InlineData("System.Object")]
    [InlineData("Sweep.Queue.TrialJob, Evil")] // our name in another assembly
    [InlineData("System.String, Evil")]
    [InlineData("Sweep.Queue.QueueServer, Sweep.Queue")] // ours, but not a job
    [InlineData("Sweep.Trials.TrialConfig, Sweep.Trials")]
    [InlineData("")]
    public void Resolve_RefusesAnyOtherType_WithJobRefusedException(string typeName)
    {
        Assert.False(JobTypeAllowList.TryResolve(typeName, out _));
        var refused = Assert.Throws<JobRefusedException>(() => JobTypeAllowList.Resolve(typeName));
        Assert.Equal($"type '{typeName}' is not on this worker's allow-list", refused.Message);
    }

    [Fact]
    public void Resolve_ShowsARefusedName_OnOneLine_AndShortened()
    {
        var name = "Evil.Type\n" + new string('x', 500) + ", Evil";

        var refused = Assert.Throws<JobRefusedException>(() => JobTypeAllowList.Resolve(name));

        Assert.DoesNotContain('\n', refused.Message);
        Assert.Contains("Evil.Type?xxx", refused.Message);
        Assert.Contains("…'", refused.Message);
        Assert.True(refused.Message.Length < 300, refused.Message);
    }

    [Fact]
    public void AStoredTrialJob_LoadsBackThroughTheAllowList_AndAForeignJob_IsRefused()
    {
        JobTypeAllowList.Install();
        var trial = InvocationData.SerializeJob(Job.FromExpression<TrialJob>(job => job.Run("hash", "{}", CodeFingerprint.Current, null, CancellationToken.None)));
        var foreign = InvocationData.SerializeJob(Job.FromExpression(() => File.WriteAllText("/tmp/x", "pwned")));

        var loaded = trial.DeserializeJob();

        Assert.True(OnlyTrialJobsFilter.IsTrialJob(loaded));
        var refused = Assert.Throws<JobLoadException>(() => foreign.DeserializeJob());
        Assert.IsType<JobRefusedException>(refused.InnerException);
    }

    [Fact]
    public void IsTrialJob_OnlyForTrialJobRun()
    {
        Assert.True(OnlyTrialJobsFilter.IsTrialJob(Job.FromExpression<TrialJob>(job => job.Run("hash", "{}", CodeFingerprint.Current, null, CancellationToken.None))));
        Assert.False(OnlyTrialJobsFilter.IsTrialJob(Job.FromExpression<TrialJob>(job => job.ToString())));
        Assert.False(OnlyTrialJobsFilter.IsTrialJob(Job.FromExpression(() => File.WriteAllText("/tmp/x", "pwned"))));
        Assert.False(OnlyTrialJobsFilter.IsTrialJob(null));
    }

    [Fact]
    public void AServer_RefusesAForeignJob_AndFailsItForGood_WithoutRunningIt()
    {
        using var folder = new TempFolder();
        var evidence = Path.Combine(folder.Path, "pwned.txt");
        using var storage = new InMemoryStorage(new InMemoryStorageOptions());
        // The attacker writes straight into the queue, as anyone with access to its database could.
        var id = new BackgroundJobClient(storage).Enqueue(() => File.WriteAllText(evidence, "pwned"));

        using (QueueServer.Start(storage, workers: 1, () => throw new InvalidOperationException("no trial job was enqueued")))
            WaitUntil(() => StateOf(storage, id) == "Failed", TimeSpan.FromMinutes(2));

        Assert.False(File.Exists(evidence), "the foreign job ran");
        var monitoring = storage.GetMonitoringApi();
        var failed = monitoring.JobDetails(id).History.First(state => state.StateName == "Failed");
        Assert.Equal("Refused: not a trial job", failed.Reason);
        Assert.Equal(0, monitoring.ScheduledCount()); // not retried either
    }

    private static string? StateOf(JobStorage storage, string id)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(id)?.Name;
    }

    private static void WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"condition not met within {timeout}");
            Thread.Sleep(50);
        }
    }
}
