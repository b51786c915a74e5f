using Spectre.Console.Cli;
using Sweep.Queue;
using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep stop SWEEP --queue CONN`: cancels a sweep running on a shared queue, from any machine that reaches the queue
/// and has the results file: its queued jobs are deleted, its running trials stop at their worker's next lease renewal
/// and are recorded interrupted, its coordinator ends as if Ctrl-C'd, and a later `sweep run` resumes it. Reads the
/// results file only for the sweep's trials; writes only the queue.
/// </summary>
public sealed class StopCommand : Command<StopSettings>
{
    public override int Execute(CommandContext context, StopSettings settings, CancellationToken cancellation)
    {
        var queue = QueueConnection.Require(settings.Queue, "sweep stop");
        using var store = ResultsLocation.OpenExisting(settings.Results);
        if (store.GetSweep(settings.Sweep) is null)
            throw new UsageException($"{store.Path}: no sweep named '{settings.Sweep}' (sweeps: {string.Join(", ", store.ListSweeps().Select(sweep => sweep.Name))})");
        var unfinished = store.TrialRows(settings.Sweep).Where(row => !row.Status.IsResult()).Select(row => row.Hash).ToList();
        if (QueueReachable.Wait(queue, cancellation) is { } interrupted) return interrupted;
        var storage = PostgresQueue.CreateStorage(queue);
        var (removed, stopped) = SweepCancel.Stop(storage, new HangfireTrialStore(storage), unfinished);
        Console.Out.WriteLine($"sweep stop {settings.Sweep}: {Plural.Count(removed, "queued job")} removed, {Plural.Count(stopped, "running trial")} interrupted; "
                              + "`sweep run` resumes the sweep");
        return ExitCodes.Ok;
    }
}
