namespace Sweep.Trials;

/// <summary>
/// Why a trial went on or stopped at a rung: its value there, the threshold it had to reach, and how many trials'
/// values at that rung (its own included) the threshold came from. Recorded for every judgement, so a user can see why
/// a trial was pruned (the results file's `decisions` table).
/// </summary>
public sealed record RungDecision(int Rung, double Value, double Threshold, int Compared, bool Stop)
{
    /// <summary>"pruned at epoch 3: val_acc 0.9123 is worse than 0.9345, the threshold among 9 trials at that epoch".</summary>
    public string Explain(string metric) => double.IsFinite(Value)
        ? FormattableString.Invariant($"pruned at epoch {Rung}: {metric} {Value:0.####} is worse than {Threshold:0.####}, the threshold among {Compared} trials at that epoch")
        : FormattableString.Invariant($"pruned at epoch {Rung}: {metric} is {Value}");
}
