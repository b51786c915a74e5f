using Hangfire.States;

namespace Sweep.Queue;

/// <summary>
/// A trial job refused by a worker of other code (<see cref="CodeMismatchException"/>) is not failed but scheduled
/// again after <see cref="RetryDelay"/>, under the same job id, so a worker built from the coordinator's source takes it
/// and the coordinator, which watches that job, neither loses nor duplicates the trial. The delay keeps a refusing
/// worker from fetching the job again in a tight loop.
/// </summary>
public sealed class CodeMismatchFilter : IElectStateFilter
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState { Exception: CodeMismatchException refused }) return;
        context.CandidateState = new ScheduledState(RetryDelay) { Reason = $"Refused: {refused.Message}; waiting for a worker of the same code" };
    }
}
