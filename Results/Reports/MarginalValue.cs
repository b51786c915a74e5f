namespace Sweep.Results.Reports;

/// <summary>
/// The mean ranked metric over the completed trials having this value (Mean null and N 0 when there are none).
/// For a binned continuous parameter, Value is the bin's label ("0.0001..0.00316") and Low/High its closed range.
/// </summary>
public sealed record MarginalValue(object Value, double? Mean, int N, double? Low = null, double? High = null);
