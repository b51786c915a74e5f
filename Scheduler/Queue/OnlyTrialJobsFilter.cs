using Hangfire.Server;
using Sweep.Worker.Trials;

namespace Sweep.Scheduler.Queue;

/// <summary>Second line behind <see cref="JobTypeAllowList"/>: a server never performs a job that is not a trial.</summary>
public sealed class OnlyTrialJobsFilter : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        if (job.Type == typeof(TrialJob) && job.Method.Name == nameof(TrialJob.Run)) return;
        Console.Error.WriteLine($"sweep: refused to perform job {context.BackgroundJob.Id} ({job.Type.FullName}.{job.Method.Name}): only trial jobs run here");
        context.Canceled = true;
    }

    public void OnPerformed(PerformedContext context) { }
}
