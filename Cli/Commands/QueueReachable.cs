using Sweep.Coordinator.Running;
using Sweep.Queue;

namespace Sweep.Cli.Commands;

/// <summary>
/// The start of every command on the shared queue: <see cref="QueueProbe"/> with its messages on stderr, and Ctrl-C
/// or SIGTERM during its wait for an unreachable server ending the command at once (nothing has been written yet).
/// </summary>
public static class QueueReachable
{
    /// <summary>Null once the queue answers; <see cref="RunCommand.Interrupted"/> when a signal ended the wait.</summary>
    public static int? Wait(QueueConnection queue, CancellationToken cancellation)
    {
        using var interrupt = new InterruptSignal(cancellation, _ => Console.Error.WriteLine("sweep: interrupted while waiting for the queue"));
        try
        {
            QueueProbe.Check(queue, Console.Error, interrupt.Token);
            return null;
        }
        catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
        {
            return RunCommand.Interrupted;
        }
    }
}
