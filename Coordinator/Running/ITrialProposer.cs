using Sweep.Results;

namespace Sweep.Coordinator.Running;

/// <summary>
/// A search that adds trials to its sweep while it runs (`method: bayes`), from what the trials so far reached. The run
/// asks for as many trials as it has idle workers, so each proposal sees as many results as possible.
/// </summary>
public interface ITrialProposer
{
    /// <summary>Trials the search may still add to a sweep that has <paramref name="proposedSoFar"/> trials.</summary>
    int Remaining(int proposedSoFar);

    /// <summary>
    /// Up to <paramref name="count"/> trials to add after <paramref name="trials"/> (the sweep's trials in proposal order);
    /// fewer only when no more will ever come (run_cap reached, or the space has no untried configuration left).
    /// </summary>
    IReadOnlyList<ProposedTrial> Next(IReadOnlyList<TrialRow> trials, int count);
}
