using Sweep.Trials;

namespace Sweep.Results;

/// <summary>A trial a search added to its sweep: the trial, its number in the sweep's proposal order (from 1) and how many results its proposal saw.</summary>
public sealed record ProposedTrial(PlannedTrial Trial, int Number, int ResultsSeen);
