namespace Sweep.Results.Reports;

/// <summary>The mean ranked metric over the completed trials having this value (Mean null and N 0 when there are none).</summary>
public sealed record MarginalValue(object Value, double? Mean, int N);
