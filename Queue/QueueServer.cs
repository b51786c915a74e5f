using Hangfire;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>The Hangfire server of this process, on any storage: our job activator, allow-list and filter installed.</summary>
public static class QueueServer
{
    public static BackgroundJobServer Start(JobStorage storage, int workers, Func<TrialJob> createJob)
    {
        JobTypeAllowList.Install();
        return new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = workers,
            Activator = new TrialJobActivator(createJob),
            ServerName = LocalWorkers.Name,
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            ShutdownTimeout = TimeSpan.FromSeconds(30),
        }, storage);
    }
}
