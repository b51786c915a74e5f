using Sweep.Results;
using Sweep.Trials;

namespace Sweep.Cli.Benchmarks;

/// <summary>
/// One method run with one sampler seed, as its results file holds it: the figures `sweep bench search` prints.
/// The best trial is the completed trial with the highest val_acc (a pruned trial stopped early and has no test_acc;
/// it ranks below every completed trial, as in `sweep report`).
/// </summary>
public sealed record SearchRun(SearchMethod Method, int Seed, IReadOnlyList<TrialRow> Trials, double Seconds)
{
    public int TrialsRun => Trials.Count(row => row.Status.IsResult());

    public int EpochsConsumed => Trials.Sum(row => row.EpochsDone ?? 0);

    public TrialRow? Best => Completed(Trials).MaxBy(row => row.ValAcc);

    /// <summary>Trials (in proposal order) until one reached <paramref name="valAcc"/>; null if none did.</summary>
    public int? TrialsToReach(double valAcc)
    {
        var ordered = Trials.OrderBy(row => row.Position).ToList();
        var index = ordered.FindIndex(row => row.Status == TrialStatus.Completed && row.ValAcc >= valAcc);
        return index < 0 ? null : index + 1;
    }

    /// <summary>
    /// The best val_acc of the trials that had ended when <paramref name="epochs"/> epochs were consumed: trials count
    /// in the order they ended, each with all its epochs. Null before the first completed trial.
    /// </summary>
    public double? BestAfter(int epochs)
    {
        var consumed = 0;
        double? best = null;
        foreach (var row in Trials.Where(row => row.Status.IsResult()).OrderBy(row => row.FinishedAt, StringComparer.Ordinal).ThenBy(row => row.Position))
        {
            consumed += row.EpochsDone ?? 0;
            if (consumed > epochs) break;
            if (row.Status == TrialStatus.Completed && row.ValAcc is { } value && (best is null || value > best)) best = value;
        }
        return best;
    }

    private static IEnumerable<TrialRow> Completed(IEnumerable<TrialRow> rows) =>
        rows.Where(row => row.Status == TrialStatus.Completed && row.ValAcc is not null);
}
