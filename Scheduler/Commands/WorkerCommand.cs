using Spectre.Console.Cli;
using Sweep.Results;
using Sweep.Scheduler.Queue;
using Sweep.Scheduler.Running;
using Sweep.Worker.Remote;
using Sweep.Worker.Trials;

namespace Sweep.Scheduler.Commands;

/// <summary>
/// `sweep worker --queue CONN`: trains the trials that any `sweep run --queue CONN` enqueues, reporting epochs and
/// outcomes into the queue's storage, until Ctrl-C or SIGTERM (running trials are then interrupted and the queue
/// delivers them again). Never touches a results file.
/// </summary>
public sealed class WorkerCommand : Command<WorkerSettings>
{
    public override int Execute(CommandContext context, WorkerSettings settings, CancellationToken cancellation)
    {
        var queue = QueueConnection.Require(settings.Queue, "sweep worker");
        var storage = PostgresQueue.CreateStorage(queue);
        var workers = settings.Workers ?? Environment.ProcessorCount;
        var threads = settings.Threads ?? LocalWorkers.ThreadsPerTrial(workers, Environment.ProcessorCount);
        var store = new HangfireTrialStore(storage);
        using var interrupt = new InterruptSignal(cancellation);
        using (var server = QueueServer.Start(storage, workers, () => new TrialJob(store, new EngineTrialRunner(settings.DataDir, threads, fetchIfMissing: true), LocalWorkers.Name)))
        {
            Console.Out.WriteLine($"sweep worker {LocalWorkers.Name}: {Plural.Count(workers, "worker")} × {Plural.Count(threads, "thread")} on {queue.Redacted}");
            interrupt.Token.WaitHandle.WaitOne();
            server.SendStop();
        }
        Console.Out.WriteLine($"sweep worker {LocalWorkers.Name}: stopped");
        return ExitCodes.Ok;
    }
}
