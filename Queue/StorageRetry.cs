using Sweep.Trials;

namespace Sweep.Queue;

/// <summary>
/// Retries a queue-storage call through a database restart or a network blip: infrastructure errors are retried,
/// with pauses of 0.25, 0.5, 1, 2, 4 and then 5 s, for about two minutes; only then does the error reach the caller, as a
/// <see cref="TrialStoreException"/>, so a trial job never mistakes it for the trial's own failure. Programming errors
/// (argument and state errors without a cause) are not retried.
/// </summary>
public static class StorageRetry
{
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromMinutes(2);

    public static T Run<T>(Func<T> operation, TimeSpan? budget = null)
    {
        var limit = budget ?? DefaultBudget;
        var started = DateTime.UtcNow;
        var pause = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return operation();
            }
            catch (Exception error) when (error is not (ArgumentException or InvalidOperationException { InnerException: null } or TrialStoreException))
            {
                var reason = $"{error.GetType().Name}: {ErrorText.FirstLine(error.Message)}";
                if (DateTime.UtcNow - started >= limit)
                    throw new TrialStoreException($"queue storage unavailable for more than {limit.TotalSeconds:0} s ({reason})", error);
                Console.Error.WriteLine($"sweep: queue storage unavailable ({reason}); retrying in {pause.TotalSeconds:0.##} s");
                Thread.Sleep(pause);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 5000));
            }
        }
    }

    public static void Run(Action operation, TimeSpan? budget = null) => Run(() =>
    {
        operation();
        return true;
    }, budget);

}
