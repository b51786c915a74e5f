using Hangfire;
using Spectre.Console.Cli;
using Sweep.Cli.Benchmarks;
using Sweep.Cli.Output;
using Sweep.Results;
using Sweep.Queue;
using Sweep.Coordinator.Running;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep worker --queue CONN`: trains the trials that any `sweep run --queue CONN` enqueues, reporting epochs and
/// outcomes into the queue's storage, until Ctrl-C or SIGTERM (running trials are then handed back, and the
/// coordinator enqueues them again at once). Never touches a results file.
/// </summary>
public sealed class WorkerCommand : Command<WorkerSettings>
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(200);

    public override int Execute(CommandContext context, WorkerSettings settings, CancellationToken cancellation)
    {
        var queue = QueueConnection.Require(settings.Queue, "sweep worker");
        // More workers than trials to run would start trials only to interrupt them at the count.
        var workers = Math.Min(settings.Workers ?? Environment.ProcessorCount, settings.Count ?? int.MaxValue);
        // Without --threads, trials share the cores and take those a finished trial frees.
        var cores = settings.Threads is { } fixedThreads ? CoreShares.Fixed(fixedThreads) : new CoreShares(Environment.ProcessorCount);
        var layout = settings.Threads is { } each
            ? $"{Plural.Count(workers, "worker")} × {Plural.Count(each, "thread")}"
            : $"{Plural.Count(workers, "worker")} sharing {Plural.Count(cores.Cores, "core")}";
        // The banner comes before the first connection, so a worker that cannot reach its queue is never silent.
        Console.Error.WriteLine($"sweep worker {LocalWorkers.Name}: {layout}, connecting to {queue.Redacted}");
        if (QueueReachable.Wait(queue, cancellation) is { } interrupted) return interrupted;
        GlobalConfiguration.Configuration.UseLogProvider(new QueueProblemLog(Console.Error, $"sweep worker {LocalWorkers.Name}"));
        // A short --lease makes a killed worker's trial (its lease) and job (its invisibility) free again sooner, alike.
        var storage = PostgresQueue.CreateStorage(queue, invisibility: settings.LeaseLength);
        var activity = new WorkerActivity(Console.Out, settings.Count);
        var store = new LoggedTrialStore(new HangfireTrialStore(storage, lease: settings.LeaseLength), activity);
        using var interrupt = new InterruptSignal(cancellation);
        string reason;
        // A benchmark's zero-work worker listens only to the benchmark's queue, so it can never "complete" a sweep's trial.
        var jobQueue = settings.BenchZeroWork ? TrialJobs.BenchQueue : TrialJobs.SweepQueue;
        using (var server = QueueServer.Start(storage, workers, () => new TrialJob(store, new LoggedTrialRunner(settings.BenchZeroWork
                   ? new ZeroWorkTrialRunner()
                   : new DatasetFirstUseLog(
                       new EngineTrialRunner(settings.DataDir, cores, fetchIfMissing: true, fetchProgress: new PlainFetchProgress(Console.Out),
                           checkpoints: new PostgresCheckpointStore(queue.ConnectionString),
                           notice: line => Console.Error.WriteLine($"sweep worker {LocalWorkers.Name}: {line}")),
                       settings.DataDir, Console.Error), activity), LocalWorkers.Name, renewEvery: TrialClaim.RenewalPeriod(settings.LeaseLength), releaseWhenStopped: true,
                   models: PostgresCheckpointStore.Models(queue.ConnectionString)), jobQueue))
        {
            var limits = string.Concat(
                settings.Count is { } count ? $", exits after {Plural.Count(count, "trial")}" : "",
                settings.IdleExit is { } idle ? $", or after {idle} s without a trial" : "");
            activity.CountReached = server.SendStop;
            Console.Out.WriteLine($"sweep worker {LocalWorkers.Name}: {layout} on {queue.Redacted}{limits}");
            reason = WaitForEnd(settings, activity, interrupt.Token);
            server.SendStop();
        }
        Console.Out.WriteLine($"sweep worker {LocalWorkers.Name}: stopped ({reason}; {Plural.Count(activity.Ended, "trial")} ended here)");
        return ExitCodes.Ok;
    }

    /// <summary>Until Ctrl-C, --count trials ended, or --idle-exit seconds without a trial; says which.</summary>
    private static string WaitForEnd(WorkerSettings settings, WorkerActivity activity, CancellationToken interrupt)
    {
        while (!interrupt.WaitHandle.WaitOne(CheckInterval))
        {
            if (settings.Count is { } count && activity.Ended >= count) return $"--count {count} reached";
            if (settings.IdleExit is { } idle && activity.IdleFor >= TimeSpan.FromSeconds(idle)) return $"idle for {idle} s";
        }
        return "interrupted";
    }
}
