using Hangfire;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>
/// The Hangfire server of this process, on any storage: our job activator, allow-list and filter installed. It fetches
/// from one queue only (<see cref="TrialJobs.SweepQueue"/> unless a benchmark's zero-work workers).
/// </summary>
public static class QueueServer
{
    public static BackgroundJobServer Start(JobStorage storage, int workers, Func<TrialJob> createJob, string queue = TrialJobs.SweepQueue)
    {
        JobTypeAllowList.Install();
        return new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = workers,
            Queues = [queue],
            Activator = new TrialJobActivator(createJob),
            ServerName = LocalWorkers.Name,
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            ShutdownTimeout = TimeSpan.FromSeconds(30),
        }, storage);
    }
}
