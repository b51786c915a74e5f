namespace Sweep.Worker.Remote;

/// <summary>
/// Retries a queue-storage call through a database restart or a network blip: infrastructure errors are retried,
/// with growing pauses, for about two minutes; only then does the error reach the caller. Trial logic is not retried.
/// </summary>
public static class StorageRetry
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(2);

    public static T Run<T>(Func<T> operation)
    {
        var started = DateTime.UtcNow;
        var pause = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return operation();
            }
            catch (Exception error) when (DateTime.UtcNow - started < Budget && error is not (ArgumentException or InvalidOperationException { InnerException: null }))
            {
                Console.Error.WriteLine($"sweep: queue storage unavailable ({error.GetType().Name}: {FirstLine(error.Message)}); retrying in {pause.TotalSeconds:0.#} s");
                Thread.Sleep(pause);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 5000));
            }
        }
    }

    public static void Run(Action operation) => Run(() =>
    {
        operation();
        return true;
    });

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
