using Hangfire;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>
/// Builds the only job type this process executes. Any other type named by a queued job is refused here, so the
/// queue can never make this process instantiate an arbitrary class.
/// </summary>
public sealed class TrialJobActivator(Func<TrialJob> createJob) : JobActivator
{
    public override object ActivateJob(Type jobType)
    {
        if (jobType != typeof(TrialJob))
            throw new InvalidOperationException($"refused to run a job of type {jobType.FullName}: only {typeof(TrialJob).FullName} is allowed");
        return createJob();
    }
}
