namespace Sweep.Trials;

/// <summary>
/// Why a trial went on or stopped at a rung: its value there, the threshold it had to reach, and how many trials'
/// values at that rung (its own included) the threshold came from. Recorded for every judgement, so a user can see why
/// a trial was pruned (the results file's `decisions` table).
/// </summary>
public sealed record RungDecision(int Rung, double Value, double Threshold, int Compared, bool Stop);
