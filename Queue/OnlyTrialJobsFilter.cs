using System.Reflection;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>
/// Second line behind <see cref="JobTypeAllowList"/>: a server never performs a job that is not TrialJob.Run, and such
/// a job ends Failed for good. Failing (rather than cancelling, which Hangfire records as Succeeded) keeps the refusal
/// visible on the dashboard; overriding the global AutomaticRetry keeps it from being retried for hours.
/// </summary>
public sealed class OnlyTrialJobsFilter : IServerFilter, IElectStateFilter
{
    private static readonly MethodInfo TrialJobRun = typeof(TrialJob).GetMethod(nameof(TrialJob.Run))!;

    public static bool IsTrialJob(Job? job) => job is not null && job.Type == typeof(TrialJob) && job.Method == TrialJobRun;

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        if (IsTrialJob(job)) return;
        Console.Error.WriteLine($"sweep: refused to perform job {context.BackgroundJob.Id} ({Describe(job)}): only trial jobs run here");
        throw new JobRefusedException($"job {context.BackgroundJob.Id} is not a trial job; refused");
    }

    public void OnPerformed(PerformedContext context)
    {
    }

    public void OnStateElection(ElectStateContext context)
    {
        if (IsTrialJob(context.BackgroundJob.Job) || context.CandidateState is FailedState or DeletedState) return;
        Console.Error.WriteLine($"sweep: job {context.BackgroundJob.Id} ({Describe(context.BackgroundJob.Job)}) is not a trial job: failed instead of {context.CandidateState.Name}");
        context.CandidateState = new FailedState(new JobRefusedException($"job {context.BackgroundJob.Id} is not a trial job; refused"))
        {
            Reason = "Refused: not a trial job",
        };
    }

    /// <summary>Type and method of a job, or a placeholder for one whose type was refused at load.</summary>
    private static string Describe(Job? job) => job is null ? "type not loaded" : $"{job.Type.FullName}.{job.Method.Name}";
}
