using Sweep.Engine.Training;

namespace Sweep.Results;

/// <summary>One stored epoch of a sweep's trial (its latest attempt); figures not reached are NaN.</summary>
public sealed record SweepEpoch(string Hash, EpochMetrics Metrics);
