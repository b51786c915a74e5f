using Spectre.Console.Cli;
using Sweep.Queue;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep stop SWEEP`: stops the runs of a sweep as their Ctrl-C would; a later `sweep run` resumes it.
/// With --queue ($SWEEP_QUEUE), from any machine that reaches the queue and has the results file: the sweep's queued
/// jobs are deleted, its running trials stop at their worker's next lease renewal and are recorded interrupted, and its
/// coordinator ends; only the queue is written (the coordinator learns of the stop from it).
/// Without a queue, on the machine of the results file: a stop request with its time goes into the results file, and
/// every `sweep run` of the sweep that started before it stops its trials at their next batch, records them
/// interrupted and exits 130; a run started later ignores it. With no run holding a trial there is nothing to stop:
/// that is said, and it is still exit 0, as stopping what is stopped leaves it as asked.
/// </summary>
public sealed class StopCommand : Command<StopSettings>
{
    public override int Execute(CommandContext context, StopSettings settings, CancellationToken cancellation)
    {
        var queue = QueueConnection.Resolve(settings.Queue);
        using var store = ResultsLocation.OpenExisting(settings.Results);
        StoredSweep.Require(store, settings.Sweep);
        return queue is null ? StopRuns(store, settings.Sweep) : StopOnQueue(store, settings.Sweep, queue, cancellation);
    }

    private static int StopRuns(ResultsStore store, string sweep)
    {
        // Recorded even when no trial is held: a run that has started but not yet claimed one is stopped too.
        store.RequestStop(sweep);
        var held = store.HeldByOthers(sweep).Count;
        Console.Out.WriteLine(held == 0
            ? $"sweep stop {sweep}: no run of it holds a trial; nothing to stop (a run started later is not affected)"
            : $"sweep stop {sweep}: stop requested; the run stops {Plural.Count(held, "running trial")} at their next batch and records them interrupted; "
              + "`sweep run` resumes the sweep");
        return ExitCodes.Ok;
    }

    private static int StopOnQueue(ResultsStore store, string sweep, QueueConnection queue, CancellationToken cancellation)
    {
        var unfinished = store.TrialRows(sweep).Where(row => !row.Status.IsResult()).Select(row => row.Hash).ToList();
        if (QueueReachable.Wait(queue, cancellation) is { } interrupted) return interrupted;
        var storage = PostgresQueue.CreateStorage(queue);
        var (removed, stopped) = SweepCancel.Stop(storage, new HangfireTrialStore(storage), unfinished);
        Console.Out.WriteLine($"sweep stop {sweep}: {Plural.Count(removed, "queued job")} removed, {Plural.Count(stopped, "running trial")} interrupted; "
                              + "`sweep run` resumes the sweep");
        return ExitCodes.Ok;
    }
}
