using System.Globalization;

namespace Sweep.Trials;

/// <summary>
/// What a worker needs to judge its trial at each rung, carried on the trial's job: the sweep whose trials it competes
/// with, the metric and goal, and the rule. The worker decides from the rung values every worker shares through its
/// store (as Optuna's pruners do), so a decision needs no round trip to the coordinator and a trial stops exactly at
/// its rung.
/// </summary>
public sealed record PruningPlan(string Sweep, string Metric, Goal Goal, EarlyTermination Rule)
{
    /// <summary>Optuna's MedianPruner waits for this many other trials at an epoch before it prunes there.</summary>
    public const int MedianStartupTrials = 5;

    /// <summary>The metric of an epoch: only per-epoch metrics can be judged at a rung.</summary>
    public double? ValueAt(Engine.Training.EpochMetrics epoch) => Trials.Metric.Named(Metric)?.ValueAt(epoch);

    /// <summary>
    /// The judgement at <paramref name="rung"/> of a trial whose value there is <paramref name="value"/>, given the values
    /// there of the other trials of the sweep that reached it. Successive halving (hyperband, asha): it goes on if it is
    /// in the top ⌊n/eta⌋ of the n values (its own included), or the best when n &lt; eta (Optuna's rule, so the first
    /// trials are not all stopped). Median: it stops below the median of the others, once there are
    /// <see cref="MedianStartupTrials"/> of them. A non-finite value always stops.
    /// </summary>
    public RungDecision Judge(int rung, double value, IReadOnlyList<double> others)
    {
        var better = Goal == Goal.Maximize ? 1 : -1;
        if (!double.IsFinite(value)) return new RungDecision(rung, value, double.NaN, others.Count + 1, Stop: true);
        var finite = others.Where(double.IsFinite).ToList();
        if (Rule.Type == EarlyTerminationType.Median)
        {
            if (finite.Count < MedianStartupTrials) return new RungDecision(rung, value, double.NaN, finite.Count, Stop: false);
            var sorted = finite.Order().ToList();
            var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : 0.5 * (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]);
            return new RungDecision(rung, value, median, finite.Count, Stop: better * (value - median) < 0);
        }
        var competing = finite.Append(value).OrderByDescending(v => better * v).ToList(); // best first
        var promoted = Math.Max(1, (int)Math.Floor(competing.Count / Rule.Eta));
        var threshold = competing[promoted - 1];
        return new RungDecision(rung, value, threshold, competing.Count, Stop: better * (value - threshold) < 0);
    }

    /// <summary>The decision as the `decisions` table keeps it, made now by the claim's <paramref name="attempt"/>.</summary>
    public RecordedDecision Record(RungDecision decision, int attempt) =>
        new(Sweep, Metric, Rule.ToJson().ToJsonString(), attempt, decision, DateTime.UtcNow);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rule.Type} on {Metric} ({Goal.Name()}) in {Sweep}");
}
