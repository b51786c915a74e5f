using Sweep.Trials;

namespace Sweep.Coordinator.Search;

/// <summary>A trial a search proposed: its configuration, its number in the sweep's proposal order (from 1) and how many results the proposal saw.</summary>
public sealed record Proposal(TrialConfig Config, int Number, int ResultsSeen);
